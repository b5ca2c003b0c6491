"""Public pages. Thin views: parse parameters with a form, call selectors, render."""

from .comparison import compare, comparison_detail, comparison_faq
from .site import faq, home, robots_txt
from .vendor import vendor_detail

__all__ = [
    "compare",
    "comparison_detail",
    "comparison_faq",
    "faq",
    "home",
    "robots_txt",
    "vendor_detail",
]
