"""Whether a sentence says something on its own (``says_something``: the one reading of which sentences may be candidates,
be cited or open related reading): not a dateline, a time stamp, a table's cell, a heading, nor the web page's furniture
the scraper kept in an article's text (newsletter offers, links to other stories, forms about ads and a reader's data,
video lists, the lines a site repeats under its stories). Pure."""

from __future__ import annotations

import re

from index.text import CLOCK_TIME

from .scoring import NAME_OR_NUMBER, words

MIN_WORDS = 4  # shorter "sentences" are datelines, bylines and captions; the shortest answers seen
# ("It splashed down at 12:40 p.m.") have six words
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more: "June 1, 2026, 5:03 a.m. ET" (a
# time stamp; its time of day not read, index.text.CLOCK_TIME) and "$18,150,000 (est.)" (a table's
# cell) hold one, and say nothing on their own
# (nor does a web page's furniture, kept in an article's text by the scraper, say anything of the story: "How bad was
# Hurricane Ian?" (RealTimeQA's store) cited "For the latest coverage of Hurricane Ian from Thursday, Sept. 29, see our live
# updates here." second (session 29); the store of RealTimeQA holds ~870 such sentences ("Sign up here for the '5
# Things' newsletter.", "Click here to read more.", "Subscribe to The Week …"))
_FURNITURE = re.compile(r"^\W*(?:sign up|subscribe|read more|click here|tap here|follow us|download (?:our|the) app"
                        r"|editor['’]s note|for (?:our|the) latest (?:coverage|news|updates))\b"
                        # (and a link to another story: "More:How the Nord Stream 2 pipeline became a bargaining chip …"
                        # was cited first for "What happened at the Nord Stream pipelines?"; ~620 in the store)
                        r"|^\W*(?:more|related|see also)\s*:"
                        r"|\b(?:click|tap) here\b|\b(?:see|read|visit|check out) our\b.*\bhere\W*$"
                        # and a dateline however long, which ends on its dash ("Moscow and Kyiv, Ukraine CNN —" was
                        # cited for "Who went to Ukraine this week?"; the store holds ~870)
                        r"|\s[—–]+\s*$"
                        # and a signpost to what follows ("Here is what the lawmakers included in the framework and what
                        # they left out." for "What was left out?" of a gun deal, "Here's what else you need to know to Get
                        # Up to Speed …", "Here are some of the food and supply shortages USA TODAY reporters spotted …"
                        # for "Of which product?" after "Is there still a nationwide shortage in US stores?": ~500)
                        r"|^\W*here(?:['’]s| is| are) (?:what|how|why|where|who|when|a look|a closer look|everything|the latest"
                        r"|some|a list|a few|a timeline|a guide|a roundup|a breakdown|the full|the highlights)\b"
                        # and a photo gallery's caption, a photo described under the gallery's title ("Hide Caption 17 of
                        # 49 Photos: Protesters storm Sri Lankan prime minister's office … Soldiers patrol near …" was
                        # cited first for "who stormed his home?", then "Photos: Protesters storm …" for the gallery's
                        # first; ~580 in RealTimeQA's store, one dev answer among them, written in its story too; session 38)
                        r"|^\W*(?:hide caption\s+\d+\s+of\s+\d+\b|photos\s*:)"
                        # and a notice of a correction: "Corrections and clarifications: A previous version of this story
                        # misstated the timing of Eid al-Fitr." was cited second for "eid al-fitr" and "what does it
                        # mark?" (RealTimeQA's store holds ~270: "Correction: An earlier version of this story …", "This
                        # story has been corrected to …"; session 40)
                        r"|\b(?:a previous|an earlier) version of this (?:story|article)\b|\bthis (?:story|article) has been "
                        r"corrected\b|^\W*corrections? (?:and|&) clarifications?\b",
                        re.IGNORECASE)


# the furniture this session found (session 35), its own pattern behind a test of plain words: one alternation of
# fifty phrases read every candidate sentence in 58 µs, the pattern before them in 6 µs (evidence reads ~100 a question)
_SITE_WORDS = ("relevant is this ad", "video player was slow", "ad froze", "video ad feedback", "just watched",
               "replay more videos", "must watch", "you have shared", "agree to the processing", "use of your data",
               "would you like to receive", "newsletter provides", "privacy policy", "includes", "updated", "follow",
               "twitter", "@", "join us on our", "our journalism", "independently", "content partner", "by a grant",
               "editorial input", "through our links", "commission", "prices were accurate", "shopping needs",
               "print edition", "news quiz", "crossword", "lite site", "refreshing this page", "hit play",
               "automatically generated", "audio and the text", "prev next")
_SITE_LINES = re.compile(
    # (and the page's form asking about its ads: "Video player was slow to load content Video content
    # never loaded Ad froze …" was cited at 0.97 for "Why is the ad too loud?" and for "Who gave it?"
    # after "The Girl Scouts got their biggest ever donation."; 18 of RealTimeQA's articles hold
    # nothing else; session 35)
    r"\bhow relevant is this ad to you\b|\bvideo player was slow to load content\b|\bad froze or did not finish loading\b"
    # (and its player's list of videos, each a link to another page: "Video Ad Feedback 04:00 - Source:
    # CNN Report reveals officers' missed opportunities to intercept Uvalde gunman" was cited for "Who was
    # the Uvalde gunman?"; "JUST WATCHED … Replay More Videos ... MUST WATCH …"; ~270 and ~250 in the store)
    r"|^\W*video ad feedback\b|^\W*just watched\b|\breplay more videos\b|^\W*must watch\b"
    # (and a form about what the site does with a reader's data: "You agree to the processing, storage,
    # sharing and use of this information …" was cited for "Mark Rutte is stepping down."; 20 of the
    # store's articles hold nothing else; session 35)
    r"|\bwe will use the (?:details|information) you have shared\b|\byou agree to the processing\b"
    r"|\bobject to the use of your data\b|\bwould you like to receive\b[^.!?]*\bnewsletter\b"
    r"|\bnewsletter provides you with\b|\bour privacy policy\b|^\W*we\W* includes\b"
    # (and the lines a site repeats under its stories, found by counting the sentences the store holds
    # in four articles or more: "This story has been updated with additional details." (~50), "Follow
    # USA TODAY reporter Kelly Tyko on Twitter: @KellyTyko." (~60), "Contact Karen Weintraub at
    # kweintraub@usatoday.com.", "Its content is produced independently of USA TODAY." (30), "Purchases
    # you make through our links may earn us a commission.", "Thank you for supporting our
    # journalism.", "Take CNN's weekly news quiz …", "This transcript was automatically generated …";
    # session 35)
    r"|\b(?:this|the) (?:story|article)(?: and headline)? (?:has been|have been|was) updated\b"
    r"|^\W*follow\b[^.!?]*\bon (?:twitter|facebook|instagram)\b|\bon twitter\W*@\w+"
    r"|^\W*(?:contact|reach)\b[^!?]*@[\w.-]+\.\w+|\bjoin us on our\b"
    r"|\bsupporting our journalism\b|\bproduced independently of\b|\bcontent partner offering\b"
    r"|\bmade possible in part by a grant\b|\bsupported in part by a grant\b|\bprovide editorial input\b"
    r"|\bpurchases you make through our links\b|\bmay earn us a commission\b|\bindependently chosen by\b"
    r"|\bprices were accurate at the time\b|\bshopping needs covered\b|\bsubscribe to our print edition\b"
    r"|\bweekly news quiz\b|\bdaily crossword\b|\blite site for low bandwidth\b|\bkeep refreshing this page\b"
    r"|\bhit play on the player\b|\btranscript was automatically generated\b"
    r"|\bdifferences between the audio and the text\b|\bprev next\W*$",
    re.IGNORECASE)


def site_line(sentence: str) -> bool:
    """Is the sentence one of the lines a site adds to its stories (``_SITE_LINES``)?"""
    low = sentence.lower()
    return any(w in low for w in _SITE_WORDS) and _SITE_LINES.search(sentence) is not None


# (nor a link to another story, a label and its headline joined by a colon, no mark ending them: "►Meat shortage:There's a
# meat shortage in the U.S. right now—here are 10 meat delivery subscription boxes to shop" was cited first for "Of which
# product?" after "Is there still a nationwide shortage in US stores?", "Cream cheese shortage:Supply chain problem has
# reached bagels, cheesecakes"; the store of RealTimeQA holds ~1,500, and ~110 more a "►" opens with no label; session 31)
# (a label in quotes too: "'Love will make you do crazy things':Will Smith apologizes to Oscars after hitting Chris Rock
# onstage" was cited for "What happened at the Oscars?", ~90 in the store; session 32)
# (and a label's word shortened with a point: "Florida v. Disney:Gov. Ron DeSantis wants legislature to end Disney's special status
# in called session" was cited second for "what did desantis do to disney"; session 36)
_LINK = re.compile(r"^\W*(?:(?:[\w'’&,-]+|[A-Za-z]{1,4}\.)\s+){0,7}[\w'’&,-]*(?:[^\W_]|[?!)'’\"”]):(?=[^\s\d])|^\s*[►»]"
                   # (and a label in capitals, a space after its colon: "BIZARRE LOVE TRIANGLE: Spirit agrees to talk with
                   # JetBlue amid merger with Frontier" for "Why is it being sold?" about Spirit Airlines; ~180 more)
                   r"|^\W*[A-Z][A-Z0-9 '’&,.-]{2,}[A-Z0-9]:\s")
_ENDED = re.compile(r"[.!?\"”’)]\s*$")
# (and a teaser for another page, no mark ending it: "See the all-time most outrageous Oscars red carpet looks"; or a
# sentence ending on its colon, which says what follows and not itself: "Check out the list of Oscar winners (in bold):"
# was cited first for "What happened at the Oscars?"; "Also in the news:", "Their names are:"; ~1,000 in the store)
_TEASER = re.compile(r"^\W*(?:see|watch|read|check out|look at|listen to|follow|download|shop)\b")
_LEADS_ON = re.compile(r":\s*$")


# (nor a heading inside the article: a few words, no number, no mark ending them: "Monkeypox vaccines in the US" was
# cited first for "Is there a vaccine?" after "Tell me about the monkeypox outbreak in the US."; session 29)
HEADING_WORDS = 6
_HEADING = re.compile(r"^[^\d]*[^\d\s.!?:;\"”’')\]…]\s*$")


# (nor an offer of the site's newsletter anywhere in a sentence: "Get CNN Health's weekly newsletter Sign up here to get
# …", "For more stories from the stranger side of life, sign up to the Tall Tales newsletter.", "(You can get \"5 Things
# You Need to Know Today\" delivered to your inbox daily."; and the sentences naming nothing beside one in a short
# paragraph, the offer's sales talk: "What's in the news?" (RealTimeQA's store as of January 18, 2022) cited "If your day
# doesn't start until you're up to speed on the latest headlines, then let us introduce you to your new favorite morning
# fix." first, the paragraph of "… Sign up here for the '5 Things' newsletter."; "Explore the universe with news on
# fascinating discoveries, …" follows "Sign up for CNN's Wonder Theory science newsletter." in 32 of its articles. The
# store holds ~540 such paragraphs of at most PROMO_CHARS; a paragraph of news that ends on an offer keeps its sentences
# naming something: "David Rush, who already boasts more than 250 Guinness World Records, …"; session 30)
_OFFER = re.compile(r"\b(?:sign(?:ing)? up|subscribe)(?: to| for)? (?:right |for free )?here\b"
                    r"|\b(?:sign up|subscribe)\b[^.!?]*\bnewsletter|\bnewsletter\b[^.!?]*\b(?:sign up|subscribe)\b"
                    r"|\b(?:to|in|into) your inbox\b", re.IGNORECASE)
PROMO_CHARS = 450

# (nor a photo's caption, a paragraph ending on its credit, a name and its agency joined by a slash: "who is working on
# it?" after "harbourside footbridge" cited "Workers in high-visibility jackets inspect the bridge's cables." alone (its
# credit "Tom Ellery/Port Elgin Gazette"), "is it dangerous?" after "mauna loa" "A man talks on a phone in his car alongside
# Saddle Road as the Mauna Loa volcano erupts …" ("Gregory Bull/AP"); RealTimeQA's store holds 316; session 40)
_CREDIT = re.compile(r"(?<=[.!?\"”’)])\s+(?:[A-Z][\w.'’-]*\s+){0,5}[\w.'’-]*/[A-Z][\w.'’&-]*(?:\s+[A-Z][\w.'’&-]*){0,5}\s*$")
CAPTION_CHARS = 400


def says_something(sentence: str, paragraph: str = "") -> bool:
    """Does the sentence say something on its own: ``MIN_WORDS`` or more, two of them words of letters (not a dateline,
    a time stamp, a table's cell), and not the web page's furniture ("Sign up here for the newsletter.") nor a heading?
    ``paragraph``: the paragraph it is in, when known (a sentence naming nothing in a short one offering a newsletter is
    the offer's; one in a short one ending on a photo's credit, "Tom Ellery/Port Elgin Gazette", is the photo's caption)."""
    said = words(sentence)
    return (len(said) >= MIN_WORDS and len(_LETTER_WORD.findall(CLOCK_TIME.sub(" ", sentence))) >= 2
            and not _FURNITURE.search(sentence) and not _OFFER.search(sentence) and not site_line(sentence)
            and not (len(said) <= HEADING_WORDS and _HEADING.search(sentence))
            and not ((_LINK.search(sentence) or _TEASER.search(sentence.lower())) and not _ENDED.search(sentence))
            and not _LEADS_ON.search(sentence)
            and not (len(paragraph) <= PROMO_CHARS and _OFFER.search(paragraph) and not names_anything(sentence))
            and not (len(paragraph) <= CAPTION_CHARS and _CREDIT.search(paragraph)))


def names_anything(sentence: str) -> bool:
    """Does the sentence hold a name or a number after its first word ("… said UPI, …", "250")?"""
    return NAME_OR_NUMBER.search(sentence.split(None, 1)[1] if " " in sentence.strip() else "") is not None


def paragraph_at(text: str, start: int, end: int) -> str:
    """The paragraph of ``text`` holding ``text[start:end]`` (its lines' ends its bounds)."""
    first, last = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    return text[first : len(text) if last < 0 else last]
