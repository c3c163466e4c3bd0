"""How the chat page looks and behaves in the browser: its CSS, a little JS, the empty-store notice."""

CSS = """
.qa-answer { font-size: 1.05em; line-height: 1.5; }
/* the news asked for, one story an item: a bullet and a gap each (the chat's own CSS drew neither) */
.qa-answer ul.qa-stories { margin: 0; padding-left: 1.2em; }
.qa-answer ul.qa-stories li { list-style: disc; margin: 0 0 0.5em 0; }
.qa-ref { color: var(--link-text-color, #1d4ed8); font-weight: 600; text-decoration: none; font-size: 0.85em;
          vertical-align: super; }
.qa-abstained { border-left: 4px solid #d97706; padding: 4px 10px; background: color-mix(in srgb, #f59e0b 12%, transparent); }
.qa-sources, .qa-related { margin-top: 10px; font-size: 0.92em; }
.qa-citation blockquote { margin: 4px 0 10px 0; padding: 4px 10px; border-left: 3px solid #94a3b8;
                          color: var(--body-text-color); }
.qa-citation mark { background: #fde68a; color: #111827; padding: 0 2px; scroll-margin: 80px; }
.qa-citation mark:target { outline: 2px solid #d97706; }
.qa-scope, .qa-draft, .qa-mode, .qa-dropped { color: var(--body-text-color-subdued); }
.qa-draft { font-style: italic; }
.qa-mode, .qa-dropped, .qa-scope { margin-top: 6px; font-size: 0.88em; }
.qa-read { font-size: 0.85em; margin-left: 6px; }
#qa-chat { min-height: 320px; }
/* a notice with nothing to say takes no room (each empty one left a 20 px block and a gap: 72 px
   between the question box and "Limit questions to…" in a 400 px window) */
#qa-notice:has(.prose:empty), #qa-active-scope:has(.prose:empty), #qa-meaning:has(.prose:empty),
#qa-meaning-articles:has(.prose:empty) { display: none; }
@media (max-width: 600px) {  /* a phone or a narrow window: the answer takes the width */
  #qa-chat .message-row { margin-left: 0 !important; margin-right: 0 !important; }
  #qa-chat .bot-row { max-width: 100% !important; width: 100% !important; }
  #qa-chat .message-wrap, #qa-chat .bubble-wrap { padding-left: 0 !important; padding-right: 0 !important;
                                                   margin-left: 0 !important; margin-right: 0 !important; }
  #qa-chat .bot.message, #qa-chat .user.message { padding: 6px !important; }
  #qa-chat .bot-row .flex-wrap, #qa-chat .bot-row .message { width: 100% !important; max-width: 100% !important; }
  #qa-chat .avatar-container { display: none !important; }
  .gradio-container { padding-left: 6px !important; padding-right: 6px !important; }
}
"""

# The page's own JS, run once it loads:
# - copy: the chat's copy button copies a message's HTML; each answer carries its plain-text form in a
#   hidden element, and the clipboard gets that instead (text with [n] markers and the sources);
# - follow: a new question goes to the top of the chat and stays there while its answer arrives, so
#   the answer is read from its start (the chat's autoscroll is off). Gradio's own autoscroll follows
#   only when the view is within 100 px of the bottom before the update; in a 400 px window the
#   question and the "…" of its answer are taller than that, and from the second or third question on
#   the new answer stayed below the fold behind a "↓" button. When it did follow, a long answer was
#   shown from its end (its sources), not its start.
JS = """
() => {
  const clip = navigator.clipboard;
  if (clip && !clip.__qa) {
    const write = clip.writeText.bind(clip);
    clip.writeText = (text) => {
      if (typeof text === "string" && text.includes("qa-copy")) {
        const doc = new DOMParser().parseFromString(text, "text/html");
        const copy = doc.querySelector(".qa-copy");
        if (copy) return write(copy.textContent);
      }
      return write(text);
    };
    clip.__qa = true;
  }
  const follow = () => {
    const chat = document.querySelector("#qa-chat");
    if (!chat) return setTimeout(follow, 300);
    if (chat.__qa) return;
    chat.__qa = true;
    let asked = chat.querySelectorAll("[data-testid='user']").length, held = false;
    // the reader takes over: a wheel, a touch, a key or a click in the chat (a [n] link) ends the hold
    for (const e of ["wheel", "touchmove", "keydown", "mousedown"]) chat.addEventListener(e, () => { held = false; }, {passive: true});
    new MutationObserver(() => {
      const users = chat.querySelectorAll("[data-testid='user']");
      held = users.length > asked || (held && users.length === asked);
      asked = users.length;
      const wrap = chat.querySelector(".bubble-wrap");
      if (held && wrap) {  // the newest question at the top of the chat while its answer arrives
        const top = users[users.length - 1].getBoundingClientRect().top - wrap.getBoundingClientRect().top;
        if (Math.abs(top - 8) > 1) wrap.scrollTop += top - 8;
      }
    }).observe(chat, {childList: true, subtree: true, characterData: true});
  };
  follow();
}
"""

EMPTY_NOTICE = ("<div class='qa-empty'><b>No articles yet.</b> Open the <b>Articles</b> tab to upload files "
                "(.txt, .md, .html, .pdf, .json, .jsonl) or paste text; then ask here.</div>")
