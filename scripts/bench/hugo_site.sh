#!/usr/bin/env bash
# Writes a Hugo site that builds a generated hub's content/ as it is, with minimal templates
# equivalent to Praxis's default theme: pages (with table of contents, authors, terms and
# breadcrumbs), paginated section lists, the home page with the latest items of each section,
# taxonomy list and term pages (paginated) for topics, regions, tags and authors, RSS feeds
# limited to 50 items like Praxis's feeds, a sitemap and robots.txt.
#
#   scripts/bench/hugo_site.sh HUB_DIR SITE_DIR
#
# Hugo reads the hub's YAML front-matter as it is: `contentDir` points at HUB_DIR/content (no
# copy), its embedded link and image render hooks resolve the relative `../guides/x.md` links
# like Praxis does, and raw HTML is kept (Praxis keeps it too, after sanitizing it).
set -euo pipefail
hub=$(cd "$1" && pwd)
site=$2
here=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$site/layouts/_partials" "$site/static"
cp "$here/themes/default/static/praxis.css" "$site/static/praxis.css"

cat >"$site/hugo.toml" <<EOF
baseURL = "https://bench.example.org/"
locale = "en"
title = "Confluence"
contentDir = "$hub/content"
buildFuture = true
enableRobotsTXT = true
ignoreLogs = ['warning-goldmark-raw-html']
[params]
  description = "A generated community of practice for water, sanitation, hygiene, health and education practitioners, used to benchmark Praxis."
[pagination]
  pagerSize = 20
[services.rss]
  limit = 50
[taxonomies]
  topic = "topics"
  region = "regions"
  tag = "tags"
  author = "authors"
[markup.goldmark.renderer]
  unsafe = true
[markup.goldmark.renderHooks.link]
  useEmbedded = "always"
[markup.goldmark.renderHooks.image]
  useEmbedded = "always"
[markup.tableOfContents]
  startLevel = 2
  endLevel = 6
EOF
weight=1
for entry in Guides:guides Stories:stories Reports:reports Webinars:webinars Articles:articles \
  Events:events Members:members About:about-this-hub; do
  printf '[[menus.main]]\n  name = "%s"\n  url = "/%s/"\n  weight = %d\n' \
    "${entry%%:*}" "${entry#*:}" "$weight" >>"$site/hugo.toml"
  weight=$((weight + 1))
done

cat >"$site/layouts/baseof.html" <<'EOF'
<!doctype html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ block "description" . }}{{ site.Params.description }}{{ end }}">
<link rel="stylesheet" href="{{ "praxis.css" | relURL }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><div class="wrap">
<a class="brand" href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav aria-label="Main"><ul>
{{ range site.Menus.main }}<li><a href="{{ .URL }}"{{ if $.IsMenuCurrent "main" . }} aria-current="page"{{ end }}>{{ .Name }}</a></li>
{{ end }}</ul></nav>
</div></header>
{{ block "breadcrumbs" . }}{{ if gt (len .Ancestors) 1 }}
<nav class="breadcrumbs wrap" aria-label="Breadcrumb"><ol>{{ range .Ancestors.Reverse }}<li><a href="{{ .RelPermalink }}">{{ if .IsHome }}Home{{ else }}{{ .Title }}{{ end }}</a></li>{{ end }}</ol></nav>
{{ end }}{{ end }}
<main id="main" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap">
<nav aria-label="Browse"><ul>{{ range $name, $_ := site.Taxonomies }}<li><a href="{{ printf "/%s/" $name | relURL }}">{{ $name | title }}</a></li>{{ end }}</ul></nav>
<p>{{ site.Title }}: {{ site.Params.description }}</p>
</div></footer>
</body>
</html>
EOF

cat >"$site/layouts/single.html" <<'EOF'
{{ define "description" }}{{ .Summary | plainify }}{{ end }}
{{ define "main" }}
<article class="page page-{{ .Section }}" data-pagefind-body>
<header class="page-header">
<p class="kind">{{ .Section | singularize | humanize }}</p>
<h1>{{ .Title }}</h1>
<p class="meta">{{ with .GetTerms "authors" }}<span class="people">By {{ range $i, $a := . }}{{ if $i }}, {{ end }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</span>{{ end }}{{ if not .Date.IsZero }} · <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>{{ end }}{{ if gt .WordCount 150 }} · {{ .ReadingTime }} min read{{ end }}</p>
{{ with .Params.starts }}<p class="meta">{{ . }} {{ $.Params.timezone }}{{ with $.Params.location }} · {{ . }}{{ end }}</p>{{ end }}
</header>
{{ with .TableOfContents }}<nav class="toc" aria-labelledby="toc-heading"><h2 id="toc-heading">On this page</h2>{{ . }}</nav>{{ end }}
<div class="content">
{{ .Content }}
</div>
{{ with .Resources.ByType "application" }}<section class="resources"><h2>Downloads and links</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Name }}</a></li>{{ end }}</ul></section>{{ end }}
{{ if eq .Section "members" }}{{ with index site.Taxonomies.authors .File.ContentBaseName }}
<section class="contributions"><h2>Contributions</h2><div class="cards">{{ range .Pages }}{{ partial "card.html" . }}{{ end }}</div></section>
{{ end }}{{ end }}
<footer class="page-footer">
{{ range $tax := slice "topics" "regions" "tags" }}{{ with $.GetTerms $tax }}<div class="terms"><span class="terms-label">{{ $tax | humanize }}:</span> <ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></div>{{ end }}{{ end }}
</footer>
</article>
{{ end }}
EOF

cat >"$site/layouts/list.html" <<'EOF'
{{ define "description" }}{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}{{ end }}
{{ define "main" }}
{{ $pager := .Paginate .Pages }}
<header class="page-header"><h1>{{ .Title }}</h1>{{ with .Params.summary }}<p class="lede">{{ . }}</p>{{ end }}</header>
{{ if eq $pager.PageNumber 1 }}{{ .Content }}{{ end }}
{{ with .Sections }}<nav aria-label="Subsections"><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>{{ end }}
<div class="cards">{{ range $pager.Pages }}{{ partial "card.html" . }}{{ end }}</div>
{{ partial "pagination.html" $pager }}
{{ end }}
EOF

cat >"$site/layouts/home.html" <<'EOF'
{{ define "main" }}
<header class="page-header"><h1>{{ .Title }}</h1>{{ with .Params.summary }}<p class="lede">{{ . }}</p>{{ end }}</header>
{{ .Content }}
{{ with where (where site.RegularPages "Section" "events") "Date" "ge" now }}<section><h2>Upcoming events</h2><div class="cards">{{ range .ByDate }}{{ partial "card.html" . }}{{ end }}</div></section>{{ end }}
{{ range .Sections }}{{ if ne .Section "members" }}
<section><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><div class="cards">{{ range first 3 .Pages.ByDate.Reverse }}{{ partial "card.html" . }}{{ end }}</div></section>
{{ end }}{{ end }}
{{ end }}
EOF

cat >"$site/layouts/taxonomy.html" <<'EOF'
{{ define "main" }}
<header class="page-header"><h1>{{ .Title }}</h1></header>
<ul class="terms-list">{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="meta">({{ .Count }})</span></li>{{ end }}</ul>
{{ end }}
EOF

cat >"$site/layouts/term.html" <<'EOF'
{{ define "title" }}{{ .Title }} · {{ .Parent.Title }} · {{ site.Title }}{{ end }}
{{ define "breadcrumbs" }}<nav class="breadcrumbs wrap" aria-label="Breadcrumb"><ol><li><a href="{{ "/" | relURL }}">Home</a></li><li><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></li></ol></nav>{{ end }}
{{ define "main" }}
{{ $pager := .Paginate .Pages }}
<header class="page-header"><p class="kind">{{ .Parent.Title }}</p><h1>{{ .Title }}</h1><p class="meta">{{ len .Pages }} items</p></header>
<div class="cards">{{ range $pager.Pages }}{{ partial "card.html" . }}{{ end }}</div>
{{ partial "pagination.html" $pager }}
{{ end }}
EOF

cat >"$site/layouts/_partials/card.html" <<'EOF'
<article class="card">
<p class="kind">{{ .Section | singularize | humanize }}</p>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{ with .Params.starts }}<p class="meta">{{ . }} {{ $.Params.timezone }}{{ with $.Params.location }} · {{ . }}{{ end }}</p>{{ else }}{{ if not .Date.IsZero }}<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>{{ else }}{{ with .Params.role }}<p class="meta">{{ . }}</p>{{ end }}{{ end }}{{ end }}
{{ with .Summary }}<p>{{ . | plainify }}</p>{{ end }}
{{ with .GetTerms "regions" }}<p class="meta">{{ range $i, $r := . }}{{ if $i }}, {{ end }}{{ .LinkTitle }}{{ end }}</p>{{ end }}
</article>
EOF

cat >"$site/layouts/_partials/pagination.html" <<'EOF'
{{ if gt .TotalPages 1 }}<nav class="pagination" aria-label="Pages">{{ with .Prev }}<a rel="prev" href="{{ .URL }}">← Newer</a>{{ end }}<span>Page {{ .PageNumber }} of {{ .TotalPages }}</span>{{ with .Next }}<a rel="next" href="{{ .URL }}">Older →</a>{{ end }}</nav>{{ end }}
EOF

cat >"$site/layouts/404.html" <<'EOF'
{{ define "main" }}<h1>Page not found</h1><p><a href="{{ "/" | relURL }}">Go to the home page</a>.</p>{{ end }}
EOF
