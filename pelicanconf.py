"""Settings for Give First: local build and preview (`make html`, `make serve`).

`publishconf.py` imports these and overrides what differs when publishing.
Plugin settings are documented in each plugin's README.
"""

import os

AUTHOR = "Give First"
SITENAME = "Give First"
SITESUBTITLE = "Practical networking advice, and the means to act on it"
SITE_DESCRIPTION = (
    "Practical advice on professional networking: give first, share what helps, "
    "and build relationships that last."
)
# Absolute URLs everywhere (feeds, canonical links, share links), also in local preview.
SITEURL = os.environ.get("SITEURL", "http://127.0.0.1:8000")
RELATIVE_URLS = False
CONTACT_EMAIL = "hello@givefirst.example"

PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["pages", "reading-lists", "replies"]
STATIC_PATHS = []
THEME = "theme"
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = False

TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
DEFAULT_DATE = None
# Reading-time arithmetic and summaries work on words; keep Pelican's default summary.
SUMMARY_MAX_LENGTH = 50

# Pretty URLs: /slug/ rather than /slug.html.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
# One author: no author pages.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
# Extra pages rendered from theme templates.
DIRECT_TEMPLATES = ["index", "tags", "categories", "archives", "sitemap", "robots", "404", "search"]
# /search/ reads the Pagefind index that `make search-index` writes after the build.
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
SITEMAP_SAVE_AS = "sitemap.xml"
ROBOTS_SAVE_AS = "robots.txt"

DEFAULT_PAGINATION = 5
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds: Atom and RSS, all posts and per category, full content, absolute links.
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
CATEGORY_FEED_RSS = "feeds/category/{slug}.rss.xml"
FEED_ATOM = None
FEED_RSS = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
RSS_FEED_SUMMARY_ONLY = False
# The newest twenty posts, in full: what a feed reader shows, without a feed that grows
# by a whole post with every post ever written.
FEED_MAX_ITEMS = 20

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}
TYPOGRAPHY = False

# Rich previews: used for Open Graph / Twitter cards when a post has no `image:`.
DEFAULT_SOCIAL_IMAGE = {"path": "theme/img/give-first-card.png", "width": 1200, "height": 630}
SOCIAL_IMAGE_ALT = "Give First: practical networking advice"

# Plugins: our own, each a distribution under plugins/<name>/ that `make` installs into
# .venv (pip install -e), imported as Pelican's namespace plugins. template_cache compiles
# each template once for all generators; settled_urls works out each post's URL once
# (before the plugins that read URLs; none of ours changes one). See their READMEs.
PLUGINS = [
    "pelican.plugins.template_cache",
    "pelican.plugins.settled_urls",
    "pelican.plugins.share_with",
    "pelican.plugins.reading_lists",
    "pelican.plugins.blogroll",
    "pelican.plugins.read_next",
    "pelican.plugins.follow",
    "pelican.plugins.conversation",
]

# Share with (plugins/share_with/README.md). The email to one person is a note and the link,
# its subject the title: the post's summary is for the person to add in their own words, and
# its bytes would be on every post page, which stays under 30 KB (test_page_weight.py).
SHARE_WITH_EMAIL_BODY = "{note}\n\n{url}"

# Blogroll (plugins/blogroll/README.md): the list in content/blogroll.yml; what `make feeds`
# fetched, tracked in data/blogroll/ so every machine builds the last good network. The
# environment can point both elsewhere (the tests do).
BLOGROLL_FILE = os.environ.get("BLOGROLL_FILE", "blogroll.yml")
BLOGROLL_DATA_PATH = os.environ.get("BLOGROLL_DATA_PATH", "data/blogroll")

# Conversation (plugins/conversation/README.md): replies under posts, Webmentions out.
# Replies published from email live in content/replies/<post-slug>.yml. To receive
# Webmentions, sign up with a receiver (webmention.io, or one of your own) and set:
#   WEBMENTION_ENDPOINT = "https://webmention.io/givefirst.example/webmention"
#   WEBMENTION_RECEIVED = os.environ.get("WEBMENTION_RECEIVED")  # its JF2 feed: a secret token
# `make feeds` fetches what was received; `make mentions` notifies the blogs our posts link to.
WEBMENTION_ENDPOINT = None
WEBMENTION_RECEIVED = os.environ.get("WEBMENTION_RECEIVED") or None

# Content cache: unchanged posts are not re-read on rebuild.
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = os.environ.get("PELICAN_CACHE_PATH", ".cache/pelican")
