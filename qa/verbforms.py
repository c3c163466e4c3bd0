"""Irregular English verb forms read as their base form, so that a question in the present ("When
did the first train leave?", "How many hostages does Hamas hold?") matches the article's past ("The
first train left …", "… hostages have been held …"): Porter stemming joins "voted" to "vote" but
never "left" to "leave". Both sides of every comparison go through ``qa.scoring.terms``, so a form
read wrongly ("left" as a direction) only joins it to "leave".

The verbs in "-ie" are here too: Porter stems "died" to "di" and "die" to "die", so "Did anyone die?"
held "… after the winds die down …" and not "Two people died …" (session 22).

Left out on purpose: forms that are more often another word in news ("saw", "rose", "bit", "lay",
"ground", "wound", "born", "bore"), and the forms of "be", "do", "have" and "say" (stopwords; "won"
is one too, NLTK's for "won't", and stays one: qa.scoring.terms)."""

from __future__ import annotations

_FORMS = """
arise arose arisen | awake awoke awoken | become became | begin began begun | bend bent |
bind bound | bite bitten | bleed bled | blow blew blown | break broke broken | breed bred |
bring brought | build built | burn burnt | buy bought | catch caught | choose chose chosen | cling clung |
come came | creep crept | deal dealt | dig dug | draw drew drawn | drink drank drunk |
drive drove driven | eat ate eaten | fall fell fallen | feed fed | feel felt | fight fought | find found |
flee fled | fly flew flown | forbid forbade forbidden | forget forgot forgotten |
forgive forgave forgiven | freeze froze frozen | get got gotten | give gave given | go went gone |
grow grew grown | hang hung | hear heard | hide hid hidden | hold held | keep kept |
kneel knelt | know knew known | lead led | leap leapt | leave left | lend lent | lose lost |
make made | mean meant | meet met | overcome overcame | overtake overtook overtaken | pay paid |
rebuild rebuilt | ride rode ridden | ring rang rung | rise risen | run ran | seek sought | sell sold |
send sent | shake shook shaken | shine shone | shoot shot | show shown | shrink shrank shrunk |
sing sang sung | sink sank sunk | sit sat | sleep slept | slide slid | speak spoke spoken |
spend spent | spin spun | stand stood | steal stole stolen | stick stuck | sting stung | strike struck |
strive strove striven | swear swore sworn | sweep swept | swim swam swum | swing swung | take took taken |
teach taught | tear tore torn | tell told | think thought | throw threw thrown | undergo underwent undergone |
understand understood | undertake undertook undertaken | uphold upheld | wake woke woken | wear wore worn |
weep wept | withdraw withdrew withdrawn | withhold withheld | write wrote written |
die died dies dying | lie lied lies lying | tie tied ties tying | vie vied vies vying
"""

BASE_FORM: dict[str, str] = {
    form: group.split()[0] for group in _FORMS.split("|") for form in group.split()[1:]
}
# verbs of no act of their own, which a story tells in its own words ("Why did people want him gone?" of a mayor's story
# writing "removed"; ``story.leaves_subject``)
LIGHT_VERBS = frozenset(["go", "come", "get", "give", "keep", "make", "take", "know", "do", "done", "seen"])
# these verbs in the present, third person ("makes", "runs", "goes"): after "Which company …" they end the kind
# asked for ("Which company makes the airbag sensor?" asks for a company; qa.asked)
PRESENT_FORMS = frozenset(
    base + ("es" if base.endswith(("s", "sh", "ch", "o", "x")) else "s") for base in set(BASE_FORM.values()))


def base_form(word: str) -> str:
    """The base form of an irregular verb form ("left" -> "leave", "held" -> "hold"); other words as they are."""
    return BASE_FORM.get(word, word)


def forms_of(base: str) -> list[str]:
    """The base form and its irregular forms ("hold" -> ["hold", "held"]); another word alone."""
    return [base, *(form for form, b in BASE_FORM.items() if b == base)]
