"""Date formats where Django's own do not suit the forum: English as its texts write dates ("26 August 2021"), and
Kazakh, for which Django has none. Russian's ("26 августа 2021 г.") already do."""
