"""Replica of ITU News on the ITU Hub (WordPress), real origin https://www.itu.int.

Served paths
    /robots.txt                         ITU rules plus ``Sitemap: https://www.itu.int/hub/sitemap_index.xml``
                                        and a sitemap of the rest of itu.int (not the Hub's: never read)
    /hub/feed/                          main feed, the 4 newest posts, ``content:encoded``, categories
    /hub/tag/smart-cities/feed/         tag feed, the 3 newest smart-city posts
    /hub/tag/smart-cities/[page/N/]     tag archive, 2 posts a page, ``a.next.page-numbers``
    /hub/sitemap_index.xml              Yoast index -> post-sitemap.xml, page-sitemap.xml
    /hub/YYYY/MM/<slug>/                a post (WordPress theme markup, Open Graph, Jetpack share and
                                        related-posts blocks inside ``.entry-content``)
    /hub/wp-content/uploads/sites/4/... images
    (/hub/wp-sitemap.xml is absent: WordPress core sitemaps are switched off by Yoast)

Ground truth: the oldest post is reachable only through the sitemap; a guest post opens with
the byline "By <name>, <organisation>" (its author; not part of its body); authors of the
others are the WordPress author names; categories and tags come from the post's links.
"""

from __future__ import annotations

import html
import zlib
from dataclasses import replace
from datetime import date

from .pages import MONTHS, Story, add_files, epoch, html_page, not_found, rss, sitemap_index, urlset, xml_page
from .server import ReplicaArticle, Request, Response, Site

ORIGIN = "https://www.itu.int"
UPLOADS = "/hub/wp-content/uploads/sites/4"
PAGE_SIZE = 2


def _s(
    slug: str,
    title: str,
    day: date,
    paragraphs: tuple[str, ...],
    *,
    author: str,
    categories: tuple[str, ...],
    tags: tuple[str, ...],
    guest: bool = False,
    images: tuple[str, ...] = (),
) -> Story:
    return Story(
        f"/hub/{day.year}/{day.month:02d}/{slug}/",
        title,
        day,
        paragraphs,
        date_raw=f"{MONTHS[day.month - 1]} {day.day}, {day.year}",
        author=author,
        categories=categories,
        tags=tags,
        images=images,
        extra={"guest": "1"} if guest else {},
    )


POSTS: tuple[Story, ...] = (
    _s(
        "how-minsk-measured-itself-against-u4ssc-kpis",
        "How Minsk measured itself against the U4SSC key performance indicators",
        date(2022, 11, 3),
        (
            "Minsk has become the first city in the Commonwealth of Independent States to complete the evaluation "
            "against the key performance indicators for smart sustainable cities of the United for Smart Sustainable "
            "Cities initiative (U4SSC).",
            "The evaluation covered 91 indicators in three dimensions: economy, environment, and society and culture. "
            "City officials collected data from more than twenty municipal departments and enterprises.",
            "“The indicators give us an honest picture of where we stand,” said a representative of the Minsk city "
            "executive committee. “They also show where digital technologies can make the biggest difference.”",
        ),
        author="ITU News",
        categories=("Smart cities",),
        tags=("U4SSC", "Belarus", "KPIs"),
        images=(f"{UPLOADS}/2022/11/minsk-u4ssc.jpg",),
    ),
    _s(
        "five-lessons-from-cities-that-went-digital",
        "Five lessons from cities that went digital",
        date(2022, 9, 14),
        (
            "Smart city projects succeed when they start from the needs of residents rather than from technology. "
            "This is the first lesson drawn from a decade of ITU work with cities around the world.",
            "The second lesson is that data must be shared across departments. The third is that standards, such as "
            "those developed by ITU-T Study Group 20, keep cities from being locked in to one supplier.",
            "<h2>What comes next</h2>",
            "The last two lessons concern skills and financing: cities need people who understand both technology and "
            "urban planning, and business models that last longer than a pilot project.",
        ),
        author="Reena Patel, Smart Cities Adviser",
        categories=("Smart cities", "Opinion"),
        tags=("Standards", "Study Group 20"),
        guest=True,
    ),
    _s(
        "giga-connects-schools-in-central-asia",
        "Giga connects more schools in Central Asia",
        date(2022, 6, 20),
        (
            "The Giga initiative of ITU and UNICEF has connected 300 more schools in Kyrgyzstan and Uzbekistan to the "
            "Internet this year.",
            "Connected schools use the Internet for online lessons, digital textbooks and teacher training.",
        ),
        author="ITU News",
        categories=("Connectivity",),
        tags=("Giga", "Education"),
    ),
    _s(
        "iot-standards-for-smart-water-management",
        "IoT standards for smart water management",
        date(2022, 3, 22),
        (
            "On World Water Day, ITU experts highlighted how Internet of Things standards help cities reduce water "
            "losses and monitor water quality in real time.",
            "Recommendation ITU-T Y.4471 describes a functional architecture for smart water management in cities.",
        ),
        author="ITU News",
        categories=("Smart cities", "Standards"),
        tags=("IoT", "Water"),
    ),
    _s(
        "world-telecommunication-day-2021-accelerating-digital-transformation",
        "World Telecommunication and Information Society Day 2021: accelerating digital transformation",
        date(2021, 5, 17),
        (
            "This year's World Telecommunication and Information Society Day focuses on accelerating digital "
            "transformation in challenging times.",
            "The pandemic has shown how much societies depend on digital networks, and how many people are still left "
            "without them.",
        ),
        author="ITU News",
        categories=("Digital transformation",),
        tags=("WTISD",),
    ),
    _s(
        "u4ssc-implementation-programme-launched",
        "U4SSC implementation programme launched",
        date(2020, 10, 30),
        (
            "The United for Smart Sustainable Cities initiative has launched an implementation programme that helps "
            "cities move from evaluation to action.",
            "Cities that have completed the U4SSC key performance indicators can now receive support to design "
            "projects and attract financing.",
        ),
        author="ITU News",
        categories=("Smart cities",),
        tags=("U4SSC",),
    ),
)
MAIN_FEED = POSTS[:4]
SMART = tuple(p for p in POSTS if "Smart cities" in p.categories)
TAG_FEED = SMART[:3]
TAG_LISTING = SMART
#: in no feed and not tagged smart-cities: only the sitemap leads to it
SITEMAP_ONLY = POSTS[4]

ROBOTS_TXT = """User-agent: *
Disallow: /net/
Disallow: /online/
Disallow: /hub/wp-admin/
Allow: /hub/wp-admin/admin-ajax.php
Sitemap: https://www.itu.int/sitemap-itu-main.xml
Sitemap: https://www.itu.int/hub/sitemap_index.xml
"""


def _content(p: Story) -> str:
    """The post as written: what ``content:encoded`` carries."""
    parts = []
    if p.extra.get("guest"):
        parts.append(f"<p><em>By {html.escape(p.author or '')}</em></p>")
    if p.images:
        parts.append(
            f'<figure class="wp-block-image size-large"><img src="{ORIGIN}{p.images[0]}" alt="" width="1024" '
            'height="576"/><figcaption>Photo: ITU</figcaption></figure>'
        )
    parts.append(p.paragraphs_html())
    return "\n".join(parts)


def _wp_author(p: Story) -> str:
    return "ITU News" if p.extra.get("guest") else p.author or "ITU News"


def _layout(title: str, body: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"/>
<title>{html.escape(title)} - ITU Hub</title>
<link rel="alternate" type="application/rss+xml" title="ITU Hub &raquo; Feed" href="https://www.itu.int/hub/feed/"/>
{head}</head>
<body class="wp-child-theme-itu-hub">
<header id="masthead" class="site-header"><a class="site-title" href="/hub/">ITU Hub</a>
<nav id="site-navigation" class="main-navigation"><ul><li><a href="/hub/category/news/">News</a></li>
<li><a href="/hub/tag/smart-cities/">Smart cities</a></li><li><a href="/en/Pages/default.aspx">itu.int</a></li></ul>
</nav></header>
<div id="content" class="site-content">{body}</div>
<footer id="colophon" class="site-footer"><p>ITU News content is licensed under CC BY-SA 3.0 IGO.</p>
<p>© ITU 2022 All Rights Reserved</p></footer></body></html>"""


def _post(p: Story) -> str:
    cats = ", ".join(
        f'<a href="/hub/category/{c.lower().replace(" ", "-")}/" rel="category tag">{html.escape(c)}</a>'
        for c in p.categories
    )
    tags = ", ".join(
        f'<a href="/hub/tag/{t.lower().replace(" ", "-")}/" rel="tag">{html.escape(t)}</a>' for t in p.tags
    )
    head = (
        f'<meta property="og:type" content="article"/><meta property="og:title" content="{html.escape(p.title)}"/>'
        f'<meta property="article:published_time" content="{p.day.isoformat()}T09:00:00+00:00"/>'
        f'<meta property="og:description" content="{html.escape(p.paragraphs[0][:150])}"/>'
        f'<link rel="canonical" href="{ORIGIN}{p.path}"/>'
    )
    body = f"""<main id="main" class="site-main">
<article id="post-{zlib.crc32(p.path.encode()) % 90000 + 10000}" class="post type-post status-publish format-standard">
<header class="entry-header"><span class="cat-links">{cats}</span>
<h1 class="entry-title">{html.escape(p.title)}</h1>
<div class="entry-meta"><span class="byline">By <span class="author vcard"><a class="url fn n"
href="/hub/author/itu-news/">{html.escape(_wp_author(p))}</a></span></span>
<span class="posted-on"><time class="entry-date published" datetime="{p.day.isoformat()}T09:00:00+00:00">{
        p.date_raw
    }</time></span></div></header>
<div class="entry-content">
{_content(p)}
<div class="sharedaddy sd-sharing-enabled"><h3 class="sd-title">Share this:</h3><ul><li><a
href="https://twitter.com/share">Twitter</a></li><li><a href="https://www.linkedin.com/share">LinkedIn</a></li></ul></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">Related</h3>
<p><a href="/hub/2020/10/u4ssc-implementation-programme-launched/">U4SSC implementation programme launched</a></p></div>
</div>
<footer class="entry-footer"><span class="tags-links">Tagged {tags}</span></footer>
</article>
<nav class="navigation post-navigation"><a href="/hub/" rel="prev">Previous post</a></nav></main>"""
    return _layout(p.title, body, head)


def _archive(page: int) -> str:
    chunk = TAG_LISTING[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    items = "".join(
        f"""<article class="post"><header class="entry-header"><h2 class="entry-title"><a href="{ORIGIN}{p.path}"
rel="bookmark">{html.escape(p.title)}</a></h2><time datetime="{p.day.isoformat()}T09:00:00+00:00">{p.date_raw}</time>
</header><div class="entry-summary"><p>{html.escape(p.paragraphs[0][:120])}</p></div></article>"""
        for p in chunk
    )
    pages = (len(TAG_LISTING) + PAGE_SIZE - 1) // PAGE_SIZE
    nav = (
        f'<a class="next page-numbers" href="{ORIGIN}/hub/tag/smart-cities/page/{page + 1}/">Older posts</a>'
        if page < pages
        else ""
    )
    return _layout("Smart cities", f'<main><h1 class="page-title">Tag: Smart cities</h1>{items}<nav>{nav}</nav></main>')


def build(*, faults: bool = True, slow_seconds: float = 1.5) -> tuple[Site, list[ReplicaArticle]]:
    site = Site("itu-news", not_found=not_found, server_header="nginx")
    site.add("/robots.txt", xml_page(ROBOTS_TXT, "text/plain"))

    def feed(title: str, posts: tuple[Story, ...], link: str) -> str:
        return rss(
            title,
            link,
            posts,
            ORIGIN,
            content=_content,
            categories=lambda p: (*p.categories, *p.tags),
            creator=_wp_author,
        )

    rss_type = "application/rss+xml; charset=UTF-8"
    site.add("/hub/feed/", xml_page(feed("ITU Hub", MAIN_FEED, ORIGIN + "/hub/"), rss_type, epoch(POSTS[0].day)))
    site.add(
        "/hub/tag/smart-cities/feed/",
        xml_page(feed("Smart cities - ITU Hub", TAG_FEED, ORIGIN + "/hub/tag/smart-cities/"), rss_type),
    )
    pages = (len(TAG_LISTING) + PAGE_SIZE - 1) // PAGE_SIZE
    site.add("/hub/tag/smart-cities/", html_page(_archive(1), epoch(POSTS[0].day)))
    for n in range(2, pages + 1):
        site.add(f"/hub/tag/smart-cities/page/{n}/", html_page(_archive(n)))
    site.add(
        "/hub/sitemap_index.xml",
        xml_page(
            sitemap_index([(ORIGIN + "/hub/post-sitemap.xml", POSTS[0].day), (ORIGIN + "/hub/page-sitemap.xml", None)]),
            "application/xml",
        ),
    )
    site.add(
        "/hub/post-sitemap.xml",
        xml_page(urlset([(ORIGIN + "/hub/", None)] + [(ORIGIN + p.path, p.day) for p in POSTS]), "application/xml"),
    )
    site.add("/hub/page-sitemap.xml", xml_page(urlset([(ORIGIN + "/hub/about/", None)]), "application/xml"))

    def main_sitemap(req: Request) -> Response:
        raise AssertionError("the sitemap of the rest of itu.int must not be read by itu-news")

    site.add("/sitemap-itu-main.xml", main_sitemap)
    for p in POSTS:
        site.add(p.path, html_page(_post(p), epoch(p.day)))
    add_files(site, [i for p in POSTS for i in p.images])
    return site, [_truth(p) for p in POSTS]


def _truth(p: Story) -> ReplicaArticle:
    truth = p.truth(ORIGIN)
    # an image's caption is text of the post
    return replace(truth, paragraphs=("Photo: ITU", *truth.paragraphs)) if p.images else truth
