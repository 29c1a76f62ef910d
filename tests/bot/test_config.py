from pathlib import Path

import pytest

from bot.config import Config, ConfigError

TOKEN = "123456:ABC-def_ghi"


def test_defaults_from_minimal_environment() -> None:
    config = Config.from_env({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert config.api_url == "https://api.telegram.org"
    assert config.bot_base_url == "https://api.telegram.org/bot"
    assert config.bot_base_file_url == "https://api.telegram.org/file/bot"
    assert config.timezone == "Asia/Bishkek"
    assert config.language == "ky"
    assert config.db_path == Path("kabarchy.db")
    assert config.admins == frozenset()
    assert config.webhook_url is None


def test_repr_hides_token_and_secret() -> None:
    config = Config.from_env(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "KABARCHY_WEBHOOK_URL": "https://x.test/hook", "KABARCHY_WEBHOOK_SECRET": "s3cr3t"}
    )
    assert TOKEN not in repr(config)
    assert "s3cr3t" not in repr(config)


def test_full_environment() -> None:
    config = Config.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_URL": "http://127.0.0.1:8081/",
            "KABARCHY_DB": "/tmp/k.db",
            "KABARCHY_ADMINS": "11, 22,,33",
            "KABARCHY_TIMEZONE": "Europe/Moscow",
            "KABARCHY_LANGUAGE": "RU",
        }
    )
    assert config.bot_base_url == "http://127.0.0.1:8081/bot"
    assert config.admins == frozenset({11, 22, 33})
    assert config.is_admin(22) and not config.is_admin(44) and not config.is_admin(None)
    assert config.language == "ru"
    assert config.timezone == "Europe/Moscow"


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        ({"TELEGRAM_BOT_TOKEN": "nocolon"}, "does not look like a bot token"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "KABARCHY_ADMINS": "12,abc"}, "KABARCHY_ADMINS"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "KABARCHY_TIMEZONE": "Mars/Olympus"}, "KABARCHY_TIMEZONE"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "KABARCHY_LANGUAGE": "de"}, "KABARCHY_LANGUAGE"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": "ftp://x"}, "TELEGRAM_API_URL"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "KABARCHY_WEBHOOK_URL": "https://x.test/h"}, "KABARCHY_WEBHOOK_SECRET"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "KABARCHY_FEED_INTERVAL": "0"}, "KABARCHY_FEED_INTERVAL"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "KABARCHY_MESSAGES_PER_SECOND": "fast"}, "KABARCHY_MESSAGES_PER_SECOND"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "KABARCHY_PAID_BROADCAST": "maybe"}, "KABARCHY_PAID_BROADCAST"),
    ],
)
def test_bad_values_fail_fast_with_the_variable_named(env: dict[str, str], fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment):
        Config.from_env(env)


def test_demo_mode_needs_no_token() -> None:
    assert Config.from_env({}, require_token=False).token == ""
