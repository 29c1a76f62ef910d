"""Configuration read once from the environment (and a `.env` file) into a frozen dataclass.

`Config.from_env(os.environ)` fails fast with `ConfigError` and a message naming the variable when a value is missing
or malformed. The token never appears in `repr` or logs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from news.schedule import DEFAULT_TIMEZONE

DEFAULT_API_URL = "https://api.telegram.org"
DEFAULT_DB = "kabarchy.db"
DEFAULT_LANGUAGE = "ky"
LANGUAGES = ("ky", "ru", "en")


class ConfigError(ValueError):
    """A configuration value is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Config:
    """Everything the bot reads from its environment."""

    token: str = field(repr=False)
    api_url: str = DEFAULT_API_URL
    # A SQLite file, or a postgresql:// URL (storage chooses the back end; nothing else needs to know which).
    db_path: Path | str = Path(DEFAULT_DB)
    admins: frozenset[int] = frozenset()
    timezone: str = DEFAULT_TIMEZONE
    language: str = DEFAULT_LANGUAGE
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    feed_interval_minutes: int = 10
    feed_failure_alert: int = 5
    max_concurrent_fetches: int = 8
    # Feeds and pages on private/loopback addresses (an intranet feed); off, so item links cannot probe the LAN.
    fetch_private_addresses: bool = False
    messages_per_second: float = 25.0
    paid_broadcast: bool = False

    @property
    def bot_base_url(self) -> str:
        """Return the Bot API method root, `{api_url}/bot` (the token follows it)."""
        return f"{self.api_url}/bot"

    @property
    def bot_base_file_url(self) -> str:
        """Return the Bot API file root, `{api_url}/file/bot`."""
        return f"{self.api_url}/file/bot"

    @classmethod
    def from_env(cls, env: Mapping[str, str], *, require_token: bool = True) -> Config:
        """Build the configuration from environment variables, failing fast on bad values."""
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        if require_token and not token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather and put it in the environment or in .env"
                " (or try `kabarchy demo`, which needs no token)"
            )
        if token and (":" not in token or any(ch.isspace() for ch in token)):
            raise ConfigError("TELEGRAM_BOT_TOKEN does not look like a bot token (expected '<digits>:<secret>')")
        api_url = (env.get("TELEGRAM_API_URL") or DEFAULT_API_URL).strip().rstrip("/")
        if not api_url.startswith(("http://", "https://")):
            raise ConfigError(f"TELEGRAM_API_URL must start with http:// or https://, got {api_url!r}")
        timezone = (env.get("KABARCHY_TIMEZONE") or DEFAULT_TIMEZONE).strip()
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"KABARCHY_TIMEZONE is not a known IANA time zone: {timezone!r}") from None
        language = (env.get("KABARCHY_LANGUAGE") or DEFAULT_LANGUAGE).strip().lower()
        if language not in LANGUAGES:
            raise ConfigError(f"KABARCHY_LANGUAGE must be one of {', '.join(LANGUAGES)}, got {language!r}")
        webhook_url = (env.get("KABARCHY_WEBHOOK_URL") or "").strip() or None
        webhook_secret = (env.get("KABARCHY_WEBHOOK_SECRET") or "").strip() or None
        if webhook_url and not webhook_secret:
            raise ConfigError("KABARCHY_WEBHOOK_URL is set, so KABARCHY_WEBHOOK_SECRET must be set too")
        if webhook_secret and not _valid_secret(webhook_secret):
            raise ConfigError("KABARCHY_WEBHOOK_SECRET may only use A-Z, a-z, 0-9, _ and -, 1 to 256 characters")
        return cls(
            token=token,
            api_url=api_url,
            db_path=_database(env.get("KABARCHY_DB") or DEFAULT_DB),
            admins=_parse_admins(env.get("KABARCHY_ADMINS", "")),
            timezone=timezone,
            language=language,
            webhook_url=webhook_url,
            webhook_secret=webhook_secret,
            webhook_listen=(env.get("KABARCHY_WEBHOOK_LISTEN") or "127.0.0.1").strip(),
            webhook_port=_parse_int(env, "KABARCHY_WEBHOOK_PORT", 8443, low=1, high=65535),
            feed_interval_minutes=_parse_int(env, "KABARCHY_FEED_INTERVAL", 10, low=1, high=24 * 60),
            feed_failure_alert=_parse_int(env, "KABARCHY_FEED_FAILURE_ALERT", 5, low=1, high=1000),
            max_concurrent_fetches=_parse_int(env, "KABARCHY_MAX_FETCHES", 8, low=1, high=200),
            fetch_private_addresses=_parse_bool(env, "KABARCHY_FETCH_PRIVATE", False),
            messages_per_second=_parse_float(env, "KABARCHY_MESSAGES_PER_SECOND", 25.0, low=0.1, high=1000.0),
            paid_broadcast=_parse_bool(env, "KABARCHY_PAID_BROADCAST", False),
        )

    def is_admin(self, user_id: int | None) -> bool:
        """Tell whether the user id is one of the configured admins."""
        return user_id is not None and user_id in self.admins


def load_dotenv_file(path: str | os.PathLike[str] = ".env") -> None:
    """Load a `.env` file into the process environment without overriding variables already set."""
    from dotenv import load_dotenv

    load_dotenv(path, override=False)


def _database(raw: str) -> Path | str:
    """Return a database location as given: a URL (scheme://…) stays text, anything else is a file path."""
    raw = raw.strip()
    return raw if "://" in raw else Path(raw).expanduser()


def _valid_secret(secret: str) -> bool:
    return 1 <= len(secret) <= 256 and all(ch.isascii() and (ch.isalnum() or ch in "_-") for ch in secret)


def _parse_admins(raw: str) -> frozenset[int]:
    ids: set[int] = set()
    for part in raw.replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError:
            raise ConfigError(f"KABARCHY_ADMINS must be comma-separated Telegram user ids, got {part!r}") from None
    return frozenset(ids)


def _parse_int(env: Mapping[str, str], name: str, default: int, *, low: int, high: int) -> int:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, got {raw!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _parse_float(env: Mapping[str, str], name: str, default: float, *, low: float, high: float) -> float:
    raw = (env.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if not low <= value <= high:
        raise ConfigError(f"{name} must be between {low} and {high}, got {value}")
    return value


def _parse_bool(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be true or false, got {raw!r}")
