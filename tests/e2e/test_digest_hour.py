"""The real `kabarchy run` sends a digest at its hour, on its own: the JobQueue's timer, armed from the database.

Nothing here calls a pass or steps a clock. A user subscribes for the coming minute in the bot's time zone, an
admin's message brings news after that, and the digest arrives when the minute comes, not before.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from botapi_emulator import Emulator
from tests.e2e.conftest import ADMIN_ID, Location, eventually, read_db, start_bot

ZONE = ZoneInfo("Asia/Bishkek")  # KABARCHY_TIMEZONE in tests/e2e/conftest.py's bot_env
SETUP_SECONDS = 20  # subscribing and storing an article take a few seconds; the digest's minute starts after that
NEWS = """Нарында жаңы көпүрө ачылды

Нарын шаарында Нарын дарыясынын үстүнөн жаңы көпүрө салынып, расмий түрдө ачылды. Көпүрөнүн узундугу 120 метр.
«Бул көпүрө шаардын эки бөлүгүн байланыштырат жана жолду кыскартат», — деди шаардын мэри Айбек Осмонов.
Куруу иштери эки жылга созулуп, республикалык бюджеттен каржыланды. Жаңы көпүрө аркылуу күнүнө беш миңден ашык
унаа өтөт деп күтүлүүдө, бул эски көпүрөнүн жүгүн бир топ жеңилдетет."""


def coming_minute(now: datetime) -> datetime:
    """Return the start of the first minute at least SETUP_SECONDS away, in the bot's time zone."""
    start = (now + timedelta(seconds=SETUP_SECONDS + 60)).astimezone(ZONE).replace(second=0, microsecond=0)
    return start


async def test_a_digest_goes_out_at_its_hour_by_the_bots_own_timer(
    emulator: Emulator, database: Location, tmp_path: Path
) -> None:
    await emulator.create_user(ADMIN_ID, first_name="Админ", language_code="ky")
    reader = (await emulator.create_user(first_name="Айгүл", language_code="ky"))["id"]
    bot = await start_bot(emulator, db=database, workdir=tmp_path)
    try:
        due = coming_minute(datetime.now(UTC))
        await emulator.send_message(reader, f"/subscribe {due:%H:%M} Asia/Bishkek")
        assert f"{due:%H:%M}" in (await emulator.next_bot_message(reader, timeout=20)).text
        await emulator.next_bot_message(reader, timeout=20)  # the settings card
        await emulator.send_message(ADMIN_ID, NEWS)  # news after the subscription: the digest has something
        assert "Нарында жаңы көпүрө ачылды" in (await emulator.next_bot_message(ADMIN_ID, timeout=30)).text
        assert datetime.now(UTC) < due, "the setup took longer than SETUP_SECONDS"
        await emulator.mark_read(reader)

        digest = await emulator.next_bot_message(reader, timeout=(due - datetime.now(UTC)).total_seconds() + 40)
        arrived = datetime.now(UTC)
        assert "Нарында жаңы көпүрө ачылды" in digest.text
        assert due <= arrived < due + timedelta(seconds=35), (due, arrived)  # at its minute (the timer, not a tick)
        # The record follows the message: written right after it went out.
        (sent_at,), = await eventually(lambda: read_db(database, "SELECT sent_at FROM deliveries WHERE state = 'sent'"))
        assert datetime.fromisoformat(sent_at) >= due
        # Tomorrow's slot is stored: the database stays the schedule.
        (next_due,), = read_db(database, "SELECT next_due_at FROM subscribers")
        assert datetime.fromisoformat(next_due) == due + timedelta(days=1)
    finally:
        await bot.stop()
    bot.assert_clean_exit()
    assert "Traceback" not in bot.stderr_text()


def test_the_coming_minute_leaves_time_to_set_up() -> None:
    now = datetime(2024, 5, 16, 1, 59, 50, tzinfo=UTC)
    due = coming_minute(now)
    assert due.tzinfo == ZONE and due.second == 0 and due - now >= timedelta(seconds=SETUP_SECONDS)
    assert due - now < timedelta(seconds=SETUP_SECONDS + 60)
