"""Blocks: title, headings, captions and body, from plain text and from HTML."""

from __future__ import annotations

import pytest

from news import analyse, split_blocks
from news.models import BlockKind
from tests.news.articles import ARTICLES

TITLE = BlockKind.TITLE
HEADING = BlockKind.HEADING
CAPTION = BlockKind.CAPTION
BODY = BlockKind.BODY


def kinds(text: str, **kwargs) -> list[tuple[BlockKind, str]]:
    return [(b.kind, b.text) for b in split_blocks(text, **kwargs)]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.key)
def test_captions_and_headings_of_the_test_articles(article) -> None:
    blocks = split_blocks(article.text, title=article.title)
    assert [b.text for b in blocks if b.kind is CAPTION] == list(article.captions)
    assert [b.text for b in blocks if b.kind is HEADING] == list(article.headings)


@pytest.mark.parametrize(
    "caption",
    [
        "Сүрөт: Азаттык",
        "Бакыт Осмонов менен Айгүл Токтоева Ташкенттеги жолугушууда. Сүрөт: министрликтин басма сөз кызматы.",
        "Фото: пресс-служба мэрии Бишкека",
        "Участники заседания. Фото: Kaktus.media",
        "Photo: Reuters",
        "Protesters outside parliament. Photo: AFP",
        "(Фото: 24.kg)",
    ],
)
def test_photo_captions(caption: str) -> None:
    text = f"Биринчи абзац бул жерде турат.\n\n{caption}\n\nЭкинчи абзац да бар."
    assert (CAPTION, caption) in kinds(text)


def test_plain_text_title_subheadings_and_body() -> None:
    text = (
        "Бишкекте жаңы көпүрө ачылды\n\n"
        "Борбор калаада 3-майда жаңы көпүрө ачылды. Аны курууга эки жыл кетти.\n\n"
        "Курулуш кантип жүрдү\n\n"
        "Курулушка 200дөн ашык жумушчу катышты."
    )
    assert kinds(text) == [
        (TITLE, "Бишкекте жаңы көпүрө ачылды"),
        (BODY, "Борбор калаада 3-майда жаңы көпүрө ачылды. Аны курууга эки жыл кетти."),
        (HEADING, "Курулуш кантип жүрдү"),
        (BODY, "Курулушка 200дөн ашык жумушчу катышты."),
    ]


def test_given_title_repeated_as_first_line_is_the_title() -> None:
    text = "Суд продлил арест\nПервомайский суд продлил арест бывшему чиновнику."
    assert kinds(text, title="Суд продлил арест") == [
        (TITLE, "Суд продлил арест"),
        (BODY, "Первомайский суд продлил арест бывшему чиновнику."),
    ]


def test_a_first_line_that_is_a_whole_sentence_stays_body_even_if_it_repeats_the_title() -> None:
    sentence = "«Укук коргоо органдарына таза адистер керек» — деп премьер-министр кеңешмеде билдирди."
    blocks = split_blocks(sentence + "\nКеңешмеде коопсуздук маселеси талкууланды.", title=sentence)
    assert blocks[0].kind is BODY


def test_hard_wrapped_lines_are_joined() -> None:
    text = "Министр мыйзам долбоору\nбоюнча өз пикирин айтты.\n\nЭкинчи абзац."
    assert kinds(text) == [(BODY, "Министр мыйзам долбоору боюнча өз пикирин айтты."), (BODY, "Экинчи абзац.")]


def test_single_line_breaks_separate_paragraphs_of_news_copy() -> None:
    text = "Биринчи абзац бүттү.\nЭкинчи абзац башталды.\nҮчүнчү абзац."
    assert [k for k, _ in kinds(text)] == [BODY, BODY, BODY]


def test_html_blocks() -> None:
    html = """<!doctype html><html><head><title>Сайттын аты</title><style>p{color:red}</style></head>
    <body><nav>Башкы бет | Саясат</nav>
    <h1>Бишкекте жаңы &laquo;Көк-Жар&raquo; паркы ачылды</h1>
    <p>Борбор калаада 5-июнда жаңы парк ачылды.<br>Анын аянты 12 гектар.</p>
    <figure><img src="a.jpg"><figcaption>Парктын ачылышы. Сүрөт: мэриянын басма сөз кызматы</figcaption></figure>
    <h2>Тургундар эмне дейт</h2>
    <p>«Балдар үчүн жакшы жай болду», — деди тургун <b>Айгүл Асанова</b>.</p>
    <script>var x = "«бул код, цитата эмес»";</script>
    </body></html>"""
    assert kinds(html) == [
        (TITLE, "Бишкекте жаңы «Көк-Жар» паркы ачылды"),
        (BODY, "Борбор калаада 5-июнда жаңы парк ачылды."),
        (BODY, "Анын аянты 12 гектар."),
        (CAPTION, "Парктын ачылышы. Сүрөт: мэриянын басма сөз кызматы"),
        (HEADING, "Тургундар эмне дейт"),
        (BODY, "«Балдар үчүн жакшы жай болду», — деди тургун Айгүл Асанова."),
    ]
    result = analyse(html)
    assert result.title == "Бишкекте жаңы «Көк-Жар» паркы ачылды"
    assert [(q.text, q.speaker) for q in result.quotes] == [("Балдар үчүн жакшы жай болду", "Айгүл Асанова")]


def test_html_page_title_is_used_when_there_is_no_h1() -> None:
    html = "<html><head><title>Жаңылык</title></head><body><p>Бүгүн шаарда жаан жаады.</p></body></html>"
    blocks = split_blocks(html)
    assert (blocks[0].kind, blocks[0].text) == (TITLE, "Жаңылык")


def test_broken_html_does_not_fail() -> None:
    html = "<p>Биринчи абзац <b>жабылбаган тег<p>Экинчи абзац</div></span> <h2>Аталыш"
    blocks = split_blocks(html)
    assert [b.text for b in blocks] == ["Биринчи абзац жабылбаган тег", "Экинчи абзац", "Аталыш"]


def test_control_characters_and_odd_spaces_are_cleaned() -> None:
    text = "Бул\x00 сүйлөм\u200b\u00a0\u00a0бар.\x07\r\nЭкинчи\tсүйлөм."
    assert [b.text for b in split_blocks(text)] == ["Бул сүйлөм бар.", "Экинчи сүйлөм."]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", "\x00\x01\x02", "<p></p><div> </div>"])
def test_empty_input_gives_no_blocks(text: str) -> None:
    assert split_blocks(text) == ()


def test_caption_and_heading_never_in_summary_or_quotes() -> None:
    text = (
        "Парламент бюджетти кабыл алды\n\n"
        "Жогорку Кеңеш 2025-жылдын бюджетин кабыл алды. Бюджеттин көлөмү 400 млрд сомду түзөт.\n\n"
        "«Бюджет ашыкча чыгымдарсыз түзүлдү», — деди финансы министри Алмаз Бакетаев.\n\n"
        "Сүрөт: «Бюджет маселеси боюнча жыйын», парламенттин басма сөз кызматы\n\n"
        "«Бюджет кантип бөлүштүрүлөт»\n\n"
        "Каражаттын басым бөлүгү социалдык тармакка жумшалат. Калганы инфраструктурага кетет."
    )
    result = analyse(text)
    assert [b.kind for b in result.blocks] == [TITLE, BODY, BODY, CAPTION, HEADING, BODY]
    joined = " ".join(result.summary)
    assert "Сүрөт" not in joined and "кантип бөлүштүрүлөт" not in joined
    assert [q.text for q in result.quotes] == ["Бюджет ашыкча чыгымдарсыз түзүлдү"]
    assert all("Сүрөт" not in s.text for s in result.sentences)
