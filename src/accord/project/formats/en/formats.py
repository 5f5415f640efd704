# "26 August 2021", as the forum's English texts write dates.
DATE_FORMAT = "j F Y"
