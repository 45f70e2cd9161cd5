"""A blog post followed by its readers' thread in Latin letters, which the model alone keeps
but for its count and buttons: what ``--drop-comment-threads`` takes."""

from __future__ import annotations

#: a WordPress post and its thread, as a text extractor renders them
WORDPRESS = [
    "The Rye Loaf Diaries",
    "Home",
    "Recipes",
    "Feeding a rye starter through a cold kitchen winter",
    "Posted on January 9, 2024 by Hanne",
    "A rye starter slows down when the kitchen drops below eighteen degrees, and mine all but "
    "stopped in December. Moving the jar onto the shelf above the radiator brought it back.",
    "I now feed it twice a day with equal weights of flour and water at about thirty degrees.",
    "3 Responses",
    "Marta says:",
    "January 9, 2024 at 4:12 pm",
    "Mine sulks every winter too. The radiator trick is a good one.",
    "Reply",
    "Hanne says:",
    "January 9, 2024 at 6:30 pm",
    "Thank you! Give it three days and it should double again.",
    "Reply",
    "Okafor says:",
    "January 10, 2024 at 8:02 am",
    "Do you use whole rye or light rye for the feeds?",
    "Reply",
    "Leave a Reply",
]
THREAD_PAGE = "\n".join(WORDPRESS)
