from stepwise.themes.engine.discover import Discovery, Document, Theme, discover
from stepwise.themes.engine.labels import ThemeLabel, label_themes
from stepwise.themes.engine.match import carry_keys, match_themes
from stepwise.themes.engine.model import ThemeModel, assign

__all__ = [
    "Discovery",
    "Document",
    "Theme",
    "ThemeLabel",
    "ThemeModel",
    "assign",
    "carry_keys",
    "discover",
    "label_themes",
    "match_themes",
]
