# Django ships no Kazakh formats. Its Kazakh month names are capitalised (they are written for calendars), which a
# date inside a sentence must not be ("2021 жылғы 26 тамыз"), so dates are numeric, as official Kazakh texts also
# write them.
DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = "d.m.Y"
