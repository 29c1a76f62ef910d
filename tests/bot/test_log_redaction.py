"""The bot token never reaches the logs, even inside a library's exception text."""

import io
import logging

from bot.cli import RedactingFormatter, redact_in_logs
from bot.cli import _formatter as formatter

TOKEN = "123456789:AAH-secret_part-of-the-token"


def test_token_and_its_secret_part_are_blanked_in_every_line() -> None:
    redact_in_logs(TOKEN)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    log = logging.getLogger("test.redaction")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("GET https://api.telegram.org/bot%s/getMe failed", TOKEN)
        try:
            raise RuntimeError(f"connection to /bot{TOKEN}/getUpdates reset")
        except RuntimeError:
            log.exception("polling failed")
        log.warning("half of it: %s", TOKEN.split(":")[1])
    finally:
        log.removeHandler(handler)
    output = stream.getvalue()
    assert "AAH-secret_part" not in output
    assert output.count("[secret]") >= 3
    assert "getUpdates reset" in output  # the rest of the line survives


def test_formatter_without_secrets_is_plain() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    assert RedactingFormatter("%(message)s").format(record) == "hello world"
