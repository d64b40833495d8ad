"""Interviews recognised from their structure, their turns, and the content type of an article.

An interview is a run of questions, each followed by an answer. Questions are told by their form
in the Markdown body: bold, italic or a heading, ending in "?"; marked "Q:"/"Вопрос:"/"Пытанне:";
labelled with the interviewer's name; or, in plain dialogue, a dashed line ending in "?" that a
dashed answer follows. Answers run until the next question; credit lines ("Беседовала ...",
"Interview by ...") name the interviewer and are not part of an answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CONTENT_TYPES", "Turn", "classify", "interviewee", "parse_turns"]

CONTENT_TYPES = ("news", "interview", "press-release", "event", "other")


@dataclass(frozen=True)
class Turn:
    """One turn of an interview: who speaks (when known), ``question`` or ``answer``, and the text."""

    turn: int
    role: str
    text: str
    speaker: str | None = None


_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*$")
_WRAPPED = re.compile(r"^(\*\*|__|\*|_)(.+?)\1\s*$", re.DOTALL)
_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1", re.DOTALL)
_MD_INLINE = re.compile(r"\*\*|__|(?<!\w)[*_]|[*_](?!\w)|\[([^\]]*)\]\([^)]*\)")
_QUESTION_END = re.compile(r"\?\s*[»\"”)]*\s*$")
_DASH = re.compile(r"^[–—−-]\s*")
_LABEL = re.compile(r"^([^\s:?!.][^:?!.\n]{0,48}?)\s*:\s+(\S.*)$", re.DOTALL)
# labels that mark a question without naming anyone, and labels of interviewers (who are named)
_Q_MARKERS = frozenset("q в вопрос пытанне питання question".split())
_INTERVIEWERS = frozenset(
    "корреспондент карэспандэнт журналист журналіст interviewer itu мсэ белта belta редакция рэдакцыя".split()
)
_Q_LABELS = _Q_MARKERS | _INTERVIEWERS
_A_LABELS = frozenset("a о ответ адказ відповідь answer".split())
_CREDIT = re.compile(
    r"^(?:беседовал[аи]?|записал[аи]?|интервью (?:взял[аи]?|подготовил[аи]?)|гутарыў|гутарыла|запісаў|запісала|"
    r"interview(?:ed)? by|by|прэс-служба|пресс-служба)\s*:?\s+(.+)$",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-ZА-ЯЁЎІ][\w'’.-]*(?:\s+[A-ZА-ЯЁЎІ][\w'’.-]*){0,3}$")


@dataclass
class _Para:
    text: str  # Markdown stripped
    emphasised: bool
    label: str | None
    rest: str  # text after the label
    dashed: bool

    @property
    def asks(self) -> bool:
        return bool(_QUESTION_END.search(self.rest or self.text))


def _strip_md(text: str) -> str:
    return " ".join(_MD_INLINE.sub(lambda m: m.group(1) or "", text).split())


def _para(raw: str) -> _Para:
    raw = raw.strip()
    emphasised = False
    heading = _HEADING.match(raw)
    if heading:
        raw, emphasised = heading.group(1), True
    wrapped = _WRAPPED.match(raw)
    if wrapped and "\n\n" not in wrapped.group(2):
        emphasised = True
    elif not emphasised:
        bold = sum(len(m.group(2)) for m in _EMPHASIS.finditer(raw))
        emphasised = bold >= 0.8 * len(_strip_md(raw)) > 0
    text = _strip_md(raw)
    label: str | None = None
    rest = text
    match = _LABEL.match(_DASH.sub("", text))
    if match:
        candidate = match.group(1).strip()
        if candidate.casefold() in _Q_LABELS | _A_LABELS or _NAME.match(candidate):
            label, rest = candidate, match.group(2).strip()
    return _Para(text, emphasised, label, rest, bool(_DASH.match(text)))


def parse_turns(body_markdown: str) -> tuple[list[Turn], str | None]:
    """The question-and-answer turns of a Markdown body (empty when no question is answered), and the
    interviewer named in a credit line, if any. Whether that makes an interview is :func:`classify`'s call."""
    paras = [_para(p) for p in re.split(r"\n\s*\n", body_markdown or "") if p.strip()]
    if not any(p.asks for p in paras):
        return [], None
    interviewer: str | None = None
    if paras:
        credit = _CREDIT.match(paras[-1].text)
        if credit and len(paras[-1].text) < 120:
            interviewer = credit.group(1).strip(" .")
            paras = paras[:-1]
    questions = _question_flags(paras)
    turns: list[Turn] = []
    pending: list[str] = []
    answer_speaker: str | None = None

    def flush() -> None:
        nonlocal pending, answer_speaker
        if pending and turns:
            turns.append(Turn(len(turns) + 1, "answer", "\n\n".join(pending), answer_speaker))
        pending, answer_speaker = [], None

    for para, is_question in zip(paras, questions, strict=True):
        if is_question:
            flush()
            speaker = para.label if para.label and para.label.casefold() not in _Q_MARKERS else interviewer
            turns.append(Turn(len(turns) + 1, "question", _DASH.sub("", para.rest), speaker))
        elif turns:
            if para.label and para.label.casefold() not in _A_LABELS and pending and para.label != answer_speaker:
                flush()
            if para.label and para.label.casefold() not in _A_LABELS:
                answer_speaker = answer_speaker or para.label
            pending.append(_DASH.sub("", para.rest if para.label else para.text))
    flush()
    answered = sum(
        1 for i, t in enumerate(turns) if t.role == "question" and i + 1 < len(turns) and turns[i + 1].role == "answer"
    )
    if answered < 1:
        return [], interviewer
    return turns, interviewer


def _question_flags(paras: list[_Para]) -> list[bool]:
    flags = []
    labels = [p.label for p in paras if p.label]
    # with two alternating named speakers, the one who asks more is the interviewer
    asker: str | None = None
    if labels:
        asks: dict[str, int] = {}
        for p in paras:
            if p.label:
                asks[p.label] = asks.get(p.label, 0) + (1 if p.asks else -1)
        best = max(asks, key=lambda k: asks[k])
        asker = best if asks[best] > 0 and len(asks) >= 2 else None
    for i, p in enumerate(paras):
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if p.label and p.label.casefold() in _Q_LABELS:
            flags.append(True)
        elif p.label and p.label.casefold() in _A_LABELS:
            flags.append(False)
        elif asker is not None and p.label is not None:
            flags.append(p.label == asker)
        else:
            dialogue = p.dashed and nxt is not None and nxt.dashed and not nxt.asks
            flags.append(p.asks and len(p.text) <= 500 and (p.emphasised or dialogue))
    return flags


_INTERVIEW_WORDS = re.compile(r"интервью|інтэрв['’ʼ]?ю|інтерв['’ʼ]?ю|\binterview", re.IGNORECASE)
_PRESS_WORDS = re.compile(r"press[- ]release|пресс-релиз|прэс-рэліз|\bmedia advisory\b", re.IGNORECASE)
_EVENT_WORDS = re.compile(
    r"^(?:анонс|приглашаем|приглашение|запрашаем|запрашэнне|save the date|invitation|call for (?:participation|"
    r"papers|applications)|registration (?:is )?open|открыта регистрация|адкрыта рэгістрацыя|webinar announcement)"
    r"|\b(?:will be held|will take place|is to be held|пройдет|состоится|пройдзе|адбудзецца|upcoming)\b",
    re.IGNORECASE,
)
_OTHER_WORDS = re.compile(
    r"^(?:вакансии|вакансія|вакансіі|vacanc(?:y|ies)|job opening|тендер|tender|закупк[аи]|procurement|"
    r"контакты|кантакты|contacts?|about us|о министерстве|пра міністэрства|структура|structure|"
    r"график приема|графік прыёму|reception schedule)\b",
    re.IGNORECASE,
)


def classify(title: str, lead: str | None, turns: list[Turn], default: str = "news") -> str:
    """``news``, ``interview``, ``press-release``, ``event`` or ``other`` for an article.

    Interviews by their words in the title, by two answered questions in the body, or by the
    word in the lead together with at least one answered question; press releases and
    announcements of events by their words; pages that are not news (vacancies, tenders,
    contacts) as ``other``; anything else takes the source's default.
    """
    answered = sum(1 for t in turns if t.role == "question")
    if _INTERVIEW_WORDS.search(title) or answered >= 2 or (answered >= 1 and _INTERVIEW_WORDS.search(lead or "")):
        return "interview"
    if _PRESS_WORDS.search(title):
        return "press-release"
    if _OTHER_WORDS.search(title.strip()):
        return "other"
    if _EVENT_WORDS.search(title):
        return "event"
    return default if default in CONTENT_TYPES else "news"


_TITLE_SPEAKER = re.compile(
    r"^(?:(?:интервью|інтэрв['’ʼ]?ю|interview)\s+(?:с\s+|з\s+|with\s+)?)?([^:«»\"]{3,80}?)\s*:\s+\S", re.IGNORECASE
)
_INTERVIEW_WITH = re.compile(
    r"(?i:interview with|conversation with|интервью с|беседа с|інтэрв['’ʼ]?ю з|гутарка з)\s+"
    r"((?:[A-ZА-ЯЁЎІ][\w'’.-]+\s*){2,3})"
)
_LEAD_ROLE = re.compile(
    r"\b((?:Deputy )?Minister of [A-Z][A-Za-z]+(?: and [A-Z][A-Za-z]+)?|"
    r"(?:[Зз]аместитель )?[Мм]инистр(?: [а-яё]+){1,3}?|(?:[Нн]амеснік )?[Мм]іністр(?: [а-яёўі]+){1,3}?)"
    r"(?= (?:of the Republic|Республики|Рэспублікі|spoke|said|told|рассказал|отметил|заявил|расказаў|адзначыў))"
)


def interviewee(title: str, lead: str | None, people: list[str]) -> str | None:
    """Who answers in an interview: a name or role in the title ("Министр связи: ..."), "interview
    with NAME", a person named in the lead, or a role the lead names ("the Minister of ... spoke")."""
    with_name = _INTERVIEW_WITH.search(f"{title}\n{lead or ''}")
    if with_name:
        return with_name.group(1).strip()
    head = _TITLE_SPEAKER.match(title)
    if head and not any(ch.isdigit() for ch in head.group(1)) and len(head.group(1).split()) <= 8:
        return head.group(1).strip()
    if people:
        return people[0]
    role = _LEAD_ROLE.search(lead or "")
    return role.group(1) if role else None
