"""The charts' colours, on screen and on paper: the Okabe–Ito palette, safe for colour-blind readers.

Okabe, M. and Ito, K. (2008), "Color Universal Design (CUD): how to make figures and presentations
that are friendly to colorblind people" (https://jfly.uni-koeln.de/color/). Its eight colours stay
apart for the three common kinds of colour blindness. Printed in greyscale, colours that sit side
by side in a chart must also differ in lightness: SERIES lists them so that neighbours differ by
at least 40 of 255 grey levels (see ``grey``), and charts never rely on colour alone (every bar
has its figure, every chart its table, and a red bar also carries a hatch and a word).
"""

from __future__ import annotations

PALETTE_NAME = "Okabe–Ito"

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"

# Series in the order charts use them: dark and light alternate, so stacked neighbours stay apart in grey.
SERIES = (BLUE, ORANGE, BLUISH_GREEN, YELLOW, VERMILLION, BLACK, SKY_BLUE, REDDISH_PURPLE)
THIS_YEAR = BLUE
LAST_YEAR = ORANGE
BAR = BLUE  # a single-series bar chart
WAITING = SKY_BLUE  # the waitlist, after the seats taken
ALERT = VERMILLION  # over capacity or under the minimum: the palette's red
INK = "#1B1B1B"
MUTED = "#5A5A5A"
GRID = "#D0D0D0"

# The world map: one hue in five steps of lightness, light to dark (ColorBrewer's "Blues", whose
# darkest steps hold the Okabe–Ito blue's hue), at least 24 grey levels apart (215, 191, 159, 113,
# 68 by ``grey``), so a shade reads for colour-blind eyes and in greyscale; land with no figure
# (grey 230) is paler than any step.
MAP_STEPS = ("#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")
MAP_NONE = "#E6E6E6"


def series(index: int) -> str:
    """The colour of the n-th series (wrapping round after eight)."""
    return SERIES[index % len(SERIES)]


def grey(colour: str) -> int:
    """The grey level (0-255) a colour prints as in greyscale (ITU-R BT.601 luma)."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return round(0.299 * r + 0.587 * g + 0.114 * b)
