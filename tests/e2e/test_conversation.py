"""The conversation, end to end: the real `kabarchy run` process, users acting through the emulator."""

from __future__ import annotations

import asyncio

import pytest

from botapi_emulator import BotMessage, Emulator
from handlers import articles, errors, fallback, inline, language, quotes, start
from handlers.access import TEXT_ADMINS_ONLY
from handlers.i18n import translator
from handlers.render import truncate
from tests.e2e.conftest import ADMIN_ID, ARTICLES, BotProcess, eventually, read_db

pytestmark = pytest.mark.asyncio(loop_scope="module")

BOT_NAME = "kabarchy_test_bot"
NEWEST = "Bishkek logistics startup raises $4 million to expand across Central Asia"
TROLLEYBUS = "Бишкекте Чүй проспекти боюнча жаңы троллейбус линиясы ачылат"
GLACIERS = "Tien Shan glaciers lost a fifth of their ice in thirty years, study finds"
WAIT = 15.0


def tr(lang: str, text: str, **values: object) -> str:
    """Return a bot text as the user sees it in `lang`."""
    return translator(lang).gettext(text).format(**values)


async def ask(emulator: Emulator, chat_id: int, text: str, *, user_id: int | None = None) -> BotMessage:
    """Send a message and return the bot's next message in that chat."""
    await emulator.send_message(chat_id, text, user_id=user_id)
    return await emulator.next_bot_message(chat_id, timeout=WAIT)


async def assert_silent(emulator: Emulator, chat_id: int, *, user_id: int | None = None) -> None:
    """Check that the bot said nothing to what was sent before: the next thing it says answers a /help after it."""
    reply = await ask(emulator, chat_id, f"/help@{BOT_NAME}", user_id=user_id)
    assert tr("ky", start.TEXT_HELP_TITLE) in reply.text, reply.text


async def new_user(emulator: Emulator, language_code: str | None = "ky", name: str = "Айбек") -> int:
    return (await emulator.create_user(first_name=name, language_code=language_code))["id"]


# --- /start, /help -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["ky", "ru", "en"])
async def test_start_welcomes_in_the_telegram_language(bot: BotProcess, e2e_emulator: Emulator, code: str) -> None:
    user_id = await new_user(e2e_emulator, code, name="Nuri")
    reply = await ask(e2e_emulator, user_id, "/start")
    assert tr(code, start.TEXT_WELCOME, name="Nuri") in reply.text
    assert "/latest" in reply.text and "/quotes" in reply.text
    if code != "en":
        assert translator(code).gettext(start.TEXT_WELCOME) != start.TEXT_WELCOME
    assert tr(code, start.TEXT_HELP_ADMIN) not in reply.text


async def test_unknown_telegram_language_falls_back(bot: BotProcess, e2e_emulator: Emulator) -> None:
    german = await new_user(e2e_emulator, "de")
    kazakh = await new_user(e2e_emulator, "kk")
    assert tr("en", start.TEXT_HELP_TITLE) in (await ask(e2e_emulator, german, "/help")).text
    assert tr("ru", start.TEXT_HELP_TITLE) in (await ask(e2e_emulator, kazakh, "/help")).text


async def test_help_shows_admin_commands_to_admins_only(bot: BotProcess, e2e_emulator: Emulator, user: int) -> None:
    admin_help = await ask(e2e_emulator, ADMIN_ID, "/help")
    assert tr("ky", start.TEXT_HELP_ADMIN) in admin_help.text
    user_help = await ask(e2e_emulator, user, "/help")
    assert tr("ky", start.TEXT_HELP_ADMIN) not in user_help.text
    assert f"@{BOT_NAME}" in user_help.text


async def test_deep_links_open_an_article_or_its_quotes(bot: BotProcess, e2e_emulator: Emulator, user: int) -> None:
    trolleybus = ARTICLES[TROLLEYBUS]
    card = await ask(e2e_emulator, user, f"/start article_{trolleybus}")
    assert card.text.startswith(TROLLEYBUS)
    quotes_page = await ask(e2e_emulator, user, f"/start quotes_{trolleybus}")
    assert tr("ky", articles.TEXT_ARTICLE_QUOTES_TITLE, title=TROLLEYBUS) in quotes_page.text
    assert "Нурлан Токтосунов" in quotes_page.text
    welcome = await ask(e2e_emulator, user, "/start quotes_abc")
    assert tr("ky", start.TEXT_WELCOME, name="Айбек") in welcome.text


async def test_command_menus_are_registered_per_language(bot: BotProcess, e2e_emulator: Emulator) -> None:
    for code in ("ky", "ru", "en", ""):
        commands = {c["command"]: c["description"] for c in await e2e_emulator.my_commands(language_code=code)}
        assert {"latest", "quotes", "search", "article", "language", "help"} <= set(commands)
        assert "add" not in commands
        assert commands["latest"] == tr(code or "ky", start.COMMANDS[0][1])
    admin = await e2e_emulator.my_commands(scope={"type": "chat", "chat_id": ADMIN_ID}, language_code="ru")
    assert {"add", "stats"} <= {c["command"] for c in admin}


# --- /latest, /article, buttons ------------------------------------------------------------------------------


async def test_latest_lists_newest_articles_with_buttons(bot: BotProcess, e2e_emulator: Emulator, user: int) -> None:
    reply = await ask(e2e_emulator, user, "/latest")
    assert tr("ky", articles.TEXT_LATEST_TITLE) in reply.text
    assert reply.text.index("1. " + NEWEST) < reply.text.index("2. ")
    assert "Silk Road Times" in reply.text
    assert reply.button_texts == [["1", "2", "3", "4", "5"], ["▶"]]
    assert reply.link_preview_options == {"is_disabled": True}

    await e2e_emulator.press_button(user, reply.message_id, "1")
    card = await e2e_emulator.next_bot_message(user, timeout=WAIT)
    assert card.text.startswith(NEWEST)
    assert "Aida Usenova" in card.text
    assert any(e.get("url") == "https://silkroadtimes.example/en/bishkek-startup-funding" for e in card.entities)

    query = await e2e_emulator.press_button(user, reply.message_id, "▶")
    await e2e_emulator.callback_answer(query["id"])
    page = await e2e_emulator.next_bot_edit(user, message_id=reply.message_id, timeout=WAIT)
    assert "6. " in page.text and "10. " in page.text and "1. " + NEWEST not in page.text
    assert page.button_texts == [["6", "7", "8", "9", "10"], ["◀"]]


@pytest.mark.parametrize(
    ("command", "count", "note"),
    [("/latest 3", 3, False), ("/latest 99999", 10, True), ("/latest 1", 1, False)],
)
async def test_latest_takes_a_count(
    bot: BotProcess, e2e_emulator: Emulator, user: int, command: str, count: int, note: bool
) -> None:
    reply = await ask(e2e_emulator, user, command)
    numbers = [label for row in reply.button_texts for label in row if label.isdigit()]
    assert numbers == [str(n) for n in range(1, count + 1)]
    assert (tr("ky", articles.TEXT_LATEST_CAPPED, max=10) in reply.text) is note


@pytest.mark.parametrize("command", ["/latest -3", "/latest abc", "/latest 0", "/latest 2 3", "/latest 1e9"])
async def test_latest_rejects_malformed_counts(
    bot: BotProcess, e2e_emulator: Emulator, user: int, command: str
) -> None:
    reply = await ask(e2e_emulator, user, command)
    assert reply.text == tr("ky", articles.TEXT_LATEST_USAGE, max=10)


async def test_article_card_and_its_quote_pages(bot: BotProcess, e2e_emulator: Emulator, user: int) -> None:
    article_id = ARTICLES[TROLLEYBUS]
    card = await ask(e2e_emulator, user, f"/article {article_id}")
    assert card.text.startswith(TROLLEYBUS)
    assert "Кабар Ордо" in card.text
    assert "Нурлан Токтосунов" in card.text and "«Чүй проспектиси" in card.text
    assert tr("ky", articles.TEXT_QUOTES_BUTTON, count=3) == card.button_texts[0][0]
    assert any(e["type"] == "blockquote" for e in card.entities)

    query = await e2e_emulator.press_button(user, card.message_id, 0)
    await e2e_emulator.callback_answer(query["id"])
    quotes_page = await e2e_emulator.next_bot_edit(user, message_id=card.message_id, timeout=WAIT)
    assert "Гүлнара Осмонова" in quotes_page.text
    assert quotes_page.button_texts == [[tr("ky", articles.TEXT_ARTICLE_BUTTON)]]

    query = await e2e_emulator.press_button(user, card.message_id, tr("ky", articles.TEXT_ARTICLE_BUTTON))
    await e2e_emulator.callback_answer(query["id"])
    back = await e2e_emulator.next_bot_edit(user, message_id=card.message_id, timeout=WAIT)
    assert back.text.startswith(TROLLEYBUS)


async def test_article_link_command_opens_the_article(bot: BotProcess, e2e_emulator: Emulator, user: int) -> None:
    card = await ask(e2e_emulator, user, f"/article_{ARTICLES[GLACIERS]}")
    assert card.text.startswith(GLACIERS)


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/article", (articles.TEXT_ARTICLE_USAGE, {})),
        ("/article abc", (articles.TEXT_ARTICLE_USAGE, {})),
        ("/article -1", (articles.TEXT_ARTICLE_USAGE, {})),
        ("/article 99999", (articles.TEXT_NO_ARTICLE, {"id": 99999})),
        ("/article_99999", (articles.TEXT_NO_ARTICLE, {"id": 99999})),
    ],
)
async def test_article_rejects_bad_numbers(
    bot: BotProcess, e2e_emulator: Emulator, user: int, command: str, expected: tuple[str, dict]
) -> None:
    text, values = expected
    reply = await ask(e2e_emulator, user, command)
    assert reply.text == tr("ky", text, **values)


# --- /quotes, /search, plain text -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "speaker"),
    [
        ("Токтосунов", "Нурлан Токтосунов"),
        ("Нурлан Токтосунов", "Нурлан Токтосунов"),
        ("Токтосуновдун", "Нурлан Токтосунов"),
        ("троллейбус", "Гүлнара Осмонова"),
    ],
)
async def test_quotes_by_speaker_or_words(
    bot: BotProcess, e2e_emulator: Emulator, user: int, query: str, speaker: str
) -> None:
    reply = await ask(e2e_emulator, user, f"/quotes {query}")
    assert tr("ky", quotes.TEXT_QUOTES_TITLE, query=query) in reply.text
    assert f"— {speaker}" in reply.text
    assert TROLLEYBUS in reply.text
    assert f"/article_{ARTICLES[TROLLEYBUS]}" in reply.text


async def test_quotes_without_words_pages_through_key_quotes(
    bot: BotProcess, e2e_emulator: Emulator, user: int
) -> None:
    first = await ask(e2e_emulator, user, "/quotes")
    assert tr("ky", quotes.TEXT_LATEST_QUOTES) in first.text
    assert "— Aida Usenova" in first.text
    assert first.button_texts == [["▶"]]
    query = await e2e_emulator.press_button(user, first.message_id, "▶")
    await e2e_emulator.callback_answer(query["id"])
    second = await e2e_emulator.next_bot_edit(user, message_id=first.message_id, timeout=WAIT)
    assert "6–10" in second.text and "Aida Usenova" not in second.text
    assert second.button_texts == [["◀"]]
    query = await e2e_emulator.press_button(user, first.message_id, "◀")
    await e2e_emulator.callback_answer(query["id"])
    again = await e2e_emulator.next_bot_edit(user, message_id=first.message_id, timeout=WAIT)
    assert again.text == first.text


async def test_search_finds_articles(bot: BotProcess, e2e_emulator: Emulator, user: int) -> None:
    reply = await ask(e2e_emulator, user, "/search ледники glaciers")
    assert reply.text == tr("ky", articles.TEXT_NOTHING_FOUND, query="ледники glaciers")
    reply = await ask(e2e_emulator, user, "/search glaciers")
    assert GLACIERS in reply.text
    assert reply.button_texts == [["1"]]
    usage = await ask(e2e_emulator, user, "/search")
    assert usage.text == tr("ky", articles.TEXT_SEARCH_USAGE)


@pytest.mark.parametrize(
    "query",
    ['"', "NEAR(a b", "'; DROP TABLE articles; --", "*", "NEAR NOT AND", "((((", "😀", "speaker:x", "\\"],
)
async def test_hostile_search_syntax_gets_an_answer(
    bot: BotProcess, e2e_emulator: Emulator, user: int, query: str
) -> None:
    reply = await ask(e2e_emulator, user, f"/quotes {query}")
    assert reply.text == tr("ky", quotes.TEXT_NO_QUOTES, query=query)
    reply = await ask(e2e_emulator, user, f"/search {query}")
    assert reply.text == tr("ky", articles.TEXT_NOTHING_FOUND, query=query)
    assert read_db(bot.db, "SELECT count(*) FROM articles") == [(10,)]


async def test_plain_text_in_private_searches_quotes(bot: BotProcess, e2e_emulator: Emulator, user: int) -> None:
    reply = await ask(e2e_emulator, user, "Корнилова")
    assert "— Елена Корнилова" in reply.text
    # A text longer than a query is searched by its first words, not refused.
    long_text = await ask(e2e_emulator, user, "сөз " * 60)
    assert long_text.text == tr("ky", quotes.TEXT_NO_QUOTES, query=" ".join(["сөз"] * quotes.TEXT_QUERY_WORDS))


# --- inline mode ----------------------------------------------------------------------------------------------


async def test_inline_query_offers_matching_quotes(bot: BotProcess, e2e_emulator: Emulator, user: int) -> None:
    answer = await e2e_emulator.send_inline_query(user, "glaciers", timeout=WAIT)
    titles = [r["title"] for r in answer["results"]]
    assert set(titles) == {"Jyldyz Karimova", "Michael Brandt"}
    assert answer["next_offset"] == ""
    assert answer["cache_time"] <= 60
    result = answer["results"][0]
    assert result["type"] == "article"
    assert result["reply_markup"]["inline_keyboard"][0][0]["url"].startswith(f"https://t.me/{BOT_NAME}?start=quotes_")

    sent = await e2e_emulator.choose_inline_result(answer["inline_query_id"], result["id"], chat_id=user)
    assert "— " + result["title"] in sent["text"]
    assert GLACIERS in sent["text"]
    await assert_silent(e2e_emulator, user)


async def test_inline_query_pages_and_empty_query(bot: BotProcess, e2e_emulator: Emulator, user: int) -> None:
    first = await e2e_emulator.send_inline_query(user, "", timeout=WAIT)
    assert len(first["results"]) == 10 and first["next_offset"] == ""  # the ten articles' key quotes
    assert first["results"][0]["title"] == "Aida Usenova"
    rest = await e2e_emulator.send_inline_query(user, "", offset="5", timeout=WAIT)
    assert [r["id"] for r in rest["results"]] == [r["id"] for r in first["results"][5:]]
    assert rest["next_offset"] == ""
    forged = await e2e_emulator.send_inline_query(user, "glaciers", offset="-5", timeout=WAIT)
    assert forged["results"] == []
    nothing = await e2e_emulator.send_inline_query(user, "zzzqqq", timeout=WAIT)
    assert nothing["results"] == []
    assert nothing["button"]["start_parameter"] == "inline"


# --- languages ----------------------------------------------------------------------------------------------


async def test_language_buttons_switch_and_are_stored(bot: BotProcess, e2e_emulator: Emulator) -> None:
    user = await new_user(e2e_emulator, "ky")
    menu = await ask(e2e_emulator, user, "/language")
    assert menu.text == tr("ky", language.TEXT_CHOOSE)
    assert menu.button_texts == [["✓ Кыргызча", "Русский", "English"]]
    query = await e2e_emulator.press_button(user, menu.message_id, "Русский")
    assert (await e2e_emulator.callback_answer(query["id"]))["text"] == "Русский"
    done = await e2e_emulator.next_bot_edit(user, message_id=menu.message_id, timeout=WAIT)
    assert done.text == tr("ru", language.TEXT_CHOSEN)
    assert read_db(bot.db, "SELECT language FROM chats WHERE id = ?", (user,)) == [("ru",)]
    latest = await ask(e2e_emulator, user, "/latest 1")
    assert tr("ru", articles.TEXT_LATEST_TITLE) in latest.text

    english = await ask(e2e_emulator, user, "/language en")
    assert english.text == tr("en", language.TEXT_CHOSEN)
    assert tr("en", articles.TEXT_LATEST_TITLE) in (await ask(e2e_emulator, user, "/latest 1")).text
    usage = await ask(e2e_emulator, user, "/language de")
    assert usage.text == tr("en", language.TEXT_USAGE)


async def test_group_language_is_for_its_administrators(bot: BotProcess, e2e_emulator: Emulator) -> None:
    owner = await new_user(e2e_emulator, "ru", name="Owner")
    member = await new_user(e2e_emulator, "ru", name="Member")
    group = await e2e_emulator.create_chat("supergroup", title="Кабар чат", owner_id=owner, member_ids=[member])
    refused = await ask(e2e_emulator, group["id"], f"/language@{BOT_NAME} en", user_id=member)
    assert refused.text == tr("ru", language.TEXT_GROUP_ADMINS_ONLY)
    done = await ask(e2e_emulator, group["id"], f"/language@{BOT_NAME} en", user_id=owner)
    assert done.text == tr("en", language.TEXT_CHOSEN)
    latest = await ask(e2e_emulator, group["id"], f"/latest@{BOT_NAME} 2", user_id=member)
    assert tr("en", articles.TEXT_LATEST_TITLE) in latest.text


# --- bad input --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("data", ["k0:a:1", "k1:a:abc", "k1:a:0", "k1:aq:1:99", "k1:q:7:", "k1:qt:0:AAAAAAAA",
                                  "k1:lang:de", "k1:zz", "garbage", "k1:l:0:500"])
async def test_stale_or_forged_buttons_get_a_polite_answer(
    bot: BotProcess, e2e_emulator: Emulator, user: int, data: str
) -> None:
    menu = await ask(e2e_emulator, user, "/latest 2")
    query = await e2e_emulator.press_button(user, menu.message_id, data=data)
    answer = await e2e_emulator.callback_answer(query["id"], timeout=WAIT)
    assert answer["text"] == tr("ky", errors.TEXT_STALE_BUTTON)
    assert (await e2e_emulator.bot_message(user, menu.message_id)).edit_count == 0


async def test_a_button_for_a_missing_article_says_so(bot: BotProcess, e2e_emulator: Emulator, user: int) -> None:
    menu = await ask(e2e_emulator, user, "/latest 1")
    query = await e2e_emulator.press_button(user, menu.message_id, data="k1:a:99999")
    answer = await e2e_emulator.callback_answer(query["id"], timeout=WAIT)
    assert answer["text"] == tr("ky", articles.TEXT_NO_ARTICLE, id=99999)


async def test_unknown_commands(bot: BotProcess, e2e_emulator: Emulator, user: int) -> None:
    reply = await ask(e2e_emulator, user, "/frobnicate now")
    assert reply.text == tr("ky", fallback.TEXT_UNKNOWN_COMMAND, command="/frobnicate")
    reply = await ask(e2e_emulator, user, f"/frobnicate@{BOT_NAME}")
    assert reply.text == tr("ky", fallback.TEXT_UNKNOWN_COMMAND, command="/frobnicate")
    await e2e_emulator.send_message(user, "/latest@other_bot")
    await assert_silent(e2e_emulator, user)


async def test_groups_answer_commands_for_this_bot_only(bot: BotProcess, e2e_emulator: Emulator) -> None:
    member = await new_user(e2e_emulator, "ky")
    group = (await e2e_emulator.create_chat("group", title="Айыл", member_ids=[member]))["id"]
    for text in ("/latest@other_bot", "/frobnicate", "/frobnicate@other_bot", "/quotes@other_bot Путин"):
        await e2e_emulator.send_message(group, text, user_id=member)
    await assert_silent(e2e_emulator, group, user_id=member)
    reply = await ask(e2e_emulator, group, f"/latest@{BOT_NAME} 2", user_id=member)
    assert tr("ky", articles.TEXT_LATEST_TITLE) in reply.text
    assert reply.reply_to_message_id is not None
    unknown = await ask(e2e_emulator, group, f"/frobnicate@{BOT_NAME}", user_id=member)
    assert unknown.text == tr("ky", fallback.TEXT_UNKNOWN_COMMAND, command="/frobnicate")
    plain = await ask(e2e_emulator, group, "/quotes Корнилова", user_id=member)
    assert "Елена Корнилова" in plain.text


async def test_stickers_photos_and_edits(bot: BotProcess, e2e_emulator: Emulator, user: int) -> None:
    await e2e_emulator.send_sticker(user)
    assert (await e2e_emulator.next_bot_message(user, timeout=WAIT)).text == tr("ky", fallback.TEXT_TEXT_ONLY)
    await e2e_emulator.send_photo(user, caption="Бул эмне?")
    assert (await e2e_emulator.next_bot_message(user, timeout=WAIT)).text == tr("ky", fallback.TEXT_TEXT_ONLY)

    command = await e2e_emulator.send_message(user, "/latest 1")
    await e2e_emulator.next_bot_message(user, timeout=WAIT)
    await e2e_emulator.edit_message(user, command["message_id"], "/latest 2")
    assert (await e2e_emulator.next_bot_message(user, timeout=WAIT)).text == tr("ky", fallback.TEXT_EDIT_IGNORED)
    text = await e2e_emulator.send_message(user, "Корнилова")
    await e2e_emulator.next_bot_message(user, timeout=WAIT)
    await e2e_emulator.edit_message(user, text["message_id"], "Осипов")
    await assert_silent(e2e_emulator, user)


async def test_long_messages_from_users_are_searched_and_forwards_refused(
    bot: BotProcess, e2e_emulator: Emulator, user: int
) -> None:
    long_text = "Бишкекте жаңы парк ачылды.\n\n" + "Шаардын тургундары парктын ачылышын күтүп жүрүшкөн. " * 70
    reply = await ask(e2e_emulator, user, long_text[:4000])
    assert reply.text == tr("ky", quotes.TEXT_NO_QUOTES, query=truncate(quotes.text_query(long_text[:4000]), 60))
    await e2e_emulator.forward_message(user, text=long_text[:1000], origin_sender_name="Кабар")
    assert (await e2e_emulator.next_bot_message(user, timeout=WAIT)).text == tr("ky", TEXT_ADMINS_ONLY)
    await e2e_emulator.send_photo(user, caption=long_text[:1000])
    assert (await e2e_emulator.next_bot_message(user, timeout=WAIT)).text == tr("ky", TEXT_ADMINS_ONLY)
    assert read_db(bot.db, "SELECT count(*) FROM articles") == [(10,)]
    refused = await ask(e2e_emulator, user, "/add https://example.kg/news/1")
    assert refused.text == tr("ky", TEXT_ADMINS_ONLY)
    assert (await ask(e2e_emulator, user, "/stats")).text == tr("ky", TEXT_ADMINS_ONLY)


# --- two people at once -------------------------------------------------------------------------------------------


async def test_two_users_at_once(bot: BotProcess, e2e_emulator: Emulator) -> None:
    kyrgyz = await new_user(e2e_emulator, "ky", name="Айгүл")
    english = await new_user(e2e_emulator, "en", name="Kate")

    async def conversation(user_id: int, lang: str) -> list[str]:
        texts = []
        for command in ("/latest 3", "/quotes Корнилова", f"/article {ARTICLES[GLACIERS]}", "/quotes"):
            texts.append((await ask(e2e_emulator, user_id, command)).text)
        page = await e2e_emulator.bot_messages(user_id)
        query = await e2e_emulator.press_button(user_id, page[-1].message_id, "▶")
        await e2e_emulator.callback_answer(query["id"], timeout=WAIT)
        texts.append((await e2e_emulator.next_bot_edit(user_id, timeout=WAIT)).text)
        return texts

    ky_texts, en_texts = await asyncio.gather(conversation(kyrgyz, "ky"), conversation(english, "en"))
    for texts, lang in ((ky_texts, "ky"), (en_texts, "en")):
        assert tr(lang, articles.TEXT_LATEST_TITLE) in texts[0]
        assert "Елена Корнилова" in texts[1]
        assert texts[2].startswith(GLACIERS)
        assert tr(lang, quotes.TEXT_LATEST_QUOTES) in texts[3]
        assert "6–10" in texts[4]
    assert ky_texts[0] != en_texts[0]


async def test_inline_results_follow_the_users_language(bot: BotProcess, e2e_emulator: Emulator) -> None:
    russian = await new_user(e2e_emulator, "ru")
    answer = await e2e_emulator.send_inline_query(russian, "glaciers", timeout=WAIT)
    assert answer["results"][0]["reply_markup"]["inline_keyboard"][0][0]["text"] == tr("ru", inline.TEXT_MORE_QUOTES)


# --- chats the bot is in ---------------------------------------------------------------------------------------


async def test_blocking_and_unblocking_is_recorded(bot: BotProcess, e2e_emulator: Emulator) -> None:
    user_id = await new_user(e2e_emulator, "ky")
    await ask(e2e_emulator, user_id, "/start")
    await e2e_emulator.block_bot(user_id)
    await eventually(lambda: read_db(bot.db, "SELECT is_active FROM chats WHERE id = ?", (user_id,)) == [(0,)])
    await e2e_emulator.unblock_bot(user_id)
    await eventually(lambda: read_db(bot.db, "SELECT is_active FROM chats WHERE id = ?", (user_id,)) == [(1,)])


async def test_a_group_keeps_its_language_when_it_becomes_a_supergroup(
    bot: BotProcess, e2e_emulator: Emulator
) -> None:
    owner = await new_user(e2e_emulator, "ky", name="Owner")
    group = (await e2e_emulator.create_chat("group", title="Мектеп", owner_id=owner))["id"]
    await ask(e2e_emulator, group, f"/language@{BOT_NAME} ru", user_id=owner)
    supergroup = (await e2e_emulator.migrate_group(group))["id"]
    await eventually(lambda: read_db(bot.db, "SELECT language FROM chats WHERE id = ?", (supergroup,)) == [("ru",)])
    reply = await ask(e2e_emulator, supergroup, f"/latest@{BOT_NAME} 1", user_id=owner)
    assert tr("ru", articles.TEXT_LATEST_TITLE) in reply.text


async def test_replies_stay_in_their_forum_topic(bot: BotProcess, e2e_emulator: Emulator) -> None:
    member = await new_user(e2e_emulator, "en")
    forum = (await e2e_emulator.create_chat("supergroup", title="Newsroom", is_forum=True, member_ids=[member]))["id"]
    topic = await e2e_emulator.create_topic(forum, "Economy")
    await e2e_emulator.send_message(forum, f"/quotes@{BOT_NAME} Корнилова", user_id=member, message_thread_id=topic)
    reply = await e2e_emulator.next_bot_message(forum, timeout=WAIT)
    assert reply.message_thread_id == topic
    assert "Елена Корнилова" in reply.text
