import re
import unicodedata

# Placeholders written by de-identification, e.g. "[PERSON 1]" or "[POSTCODE]".
PLACEHOLDER = re.compile(r"\[[A-Z][A-Z _-]*(?:\s*\d+)?\]")

# Practitioners write the same thing many ways; folding variants into one form lets both the
# seed cues and the TF-IDF vocabulary see them as one word.
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"\bs\.?\s?47\b|\bsection\s?47\b", "s47"),
        (r"\bs\.?\s?17\b|\bsection\s?17\b", "s17"),
        (r"\bpartner (agency|agencies|organisations?)\b", "agencies"),
        (r"\bdomestic violence\b|\bdomestic abuse\b", "domestic abuse"),
        (r"\bmum'?s\b", "mothers"),
        (r"\bmums?\b|\bmothers?\b|\bmom\b", "mother"),
        (r"\bdad'?s\b", "fathers"),
        (r"\bdads?\b|\bfathers?\b", "father"),
        (r"\bkids?\b|\bchildren\b|\bchilds\b|\bchild'?s\b", "child"),
        (r"\byp\b|\byoung persons?\b|\byoung people\b|\bteen(ager)?s?\b", "young person"),
        (r"\byrs?\b", "year"),
        (r"\bsw\b|\bsocial workers?\b", "social worker"),
        (r"\bcp\b", "child protection"),
        (r"\bla\b|\blocal authorit(y|ies)\b", "local authority"),
        (r"\bhv\b|\bhealth visitors?\b", "health visitor"),
        (r"&", " and "),
    )
)


def normalise(text: str) -> str:
    text = PLACEHOLDER.sub(" ", text)
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.replace("\u2019", "'").replace("`", "'")
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    text = text.replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()
