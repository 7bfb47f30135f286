"""A small site on Pelican's own notmyidea theme with our plugins: tests/packaging/."""

AUTHOR = "A Blogger"
SITENAME = "Any Theme"
SITEURL = "http://127.0.0.1:8000"
PATH = "content"
ARTICLE_EXCLUDES = ["reading-lists"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "notmyidea"
# The theme's article.html and page.html, plus the one-line includes each plugin's README lists.
THEME_TEMPLATES_OVERRIDES = ["templates"]
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
PLUGINS = [
    "pelican.plugins.template_cache",
    "pelican.plugins.share_with",
    "pelican.plugins.reading_lists",
    "pelican.plugins.blogroll",
    "pelican.plugins.settled_urls",
    "pelican.plugins.read_next",
    "pelican.plugins.follow",
    "pelican.plugins.conversation",
]
BLOGROLL_DATA_PATH = "blogroll-data"  # what `refresh` fetched: one entry per blog
CONTACT_EMAIL = "blogger@example.org"
