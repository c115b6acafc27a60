/* Praxis search: ranks the static export under /search/ exactly as the build's tantivy
   indexes do. No framework, no build step; runs in browsers and Node. See docs/search.md. */
(function (global) {
  "use strict";
  var F = Math.fround, K1 = F(1.2), PARTS = 64;

  /* tantivy's fieldnorm quantization: ids below 24 are exact, then 3-bit mantissa steps. */
  function fieldnorm(id) {
    if (id < 24) return id;
    var i = id - 24, bits = i & 7, shift = (i >> 3) - 1;
    return 24 + (shift < 0 ? bits : (bits | 8) * Math.pow(2, shift));
  }
  function f32(bits) {
    var b = new DataView(new ArrayBuffer(4));
    b.setUint32(0, bits, true);
    return b.getFloat32(0, true);
  }
  var utf8 = new TextEncoder(), text = new TextDecoder();
  function cmp(a, b) { /* UTF-8 byte order, as the export sorts keys */
    var x = utf8.encode(a), y = utf8.encode(b), n = Math.min(x.length, y.length);
    for (var i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return x.length - y.length;
  }
  /* Han, Hiragana, Katakana, Hangul: analyzer.rs's is_cjk. */
  var C = "\u1100-\u11ff\u3005-\u3007\u3040-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{3ffff}";
  var CJK = new RegExp("[" + C + "]", "u"), RUN = new RegExp("([" + C + "]+)", "u");
  /* The analyzer up to lower-casing (analyzer.rs): CJK runs become bigrams. */
  function words(q) {
    var out = [];
    (q.match(/[\p{Alphabetic}\p{N}]+/gu) || []).forEach(function (t) {
      t.split(RUN).forEach(function (s) {
        var c = Array.from(s);
        if (!CJK.test(s) || c.length < 2) { if (s) out.push(s); }
        else for (var i = 1; i < c.length; i++) out.push(c[i - 1] + c[i]);
      });
    });
    return out.filter(function (w) { return utf8.encode(w).length < 40; })
      .map(function (w) { return Array.from(w, function (c) { return c.toLowerCase(); }).join(""); });
  }
  function fold(w) { return w.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""); }

  function reader(buf, at) {
    var v = new DataView(buf), bytes = new Uint8Array(buf);
    var r = {
      bytes: bytes, at: at || 0,
      uv: function () { var x = 0, s = 1, b; do { b = bytes[r.at++]; x += (b & 127) * s; s *= 128; } while (b & 128); return x; },
      f32: function () { var x = v.getFloat32(r.at, true); r.at += 4; return x; },
      str: function (n) { var t = text.decode(bytes.subarray(r.at, r.at + n)); r.at += n; return t; }
    };
    return r;
  }
  /* Postings of each field in `mask`: flat [number, tf, fieldnorm id, …] arrays. */
  function postings(r, mask) {
    var out = [];
    for (var k = 0; k < 3; k++) {
      if (!(mask & (1 << k))) continue;
      var n = r.uv(), p = new Uint32Array(n * 3), d = 0;
      for (var i = 0; i < n; i++) { d += r.uv(); p[i * 3] = d; p[i * 3 + 1] = r.uv(); p[i * 3 + 2] = r.bytes[r.at++]; }
      out[k] = p;
    }
    return out;
  }
  function parseShard(buf) {
    var r = reader(buf, 4), hlen = new DataView(buf).getUint32(0, true);
    var head = JSON.parse(r.str(hlen)), terms = new Map(), keys = [], prev = new Uint8Array(0);
    while (r.at < r.bytes.length) {
      var shared = r.uv(), suffix = r.uv(), kb = new Uint8Array(shared + suffix);
      kb.set(prev.subarray(0, shared)); kb.set(r.bytes.subarray(r.at, r.at + suffix), shared); r.at += suffix;
      prev = kb;
      var key = text.decode(kb), flags = r.bytes[r.at++];
      var e = { alias: null, mask: flags & 7, top: [], pages: 0, w: [], p: null, file: -1 };
      if (flags & 128) e.alias = r.str(r.uv());
      if (e.mask) {
        e.pages = r.uv();
        for (var t = r.uv(); t > 0; t--) e.top.push([r.uv(), r.f32()]);
        for (var k = 0; k < 3; k++) if (e.mask & (1 << k)) e.w[k] = r.f32();
        if (flags & 8) e.file = r.uv(); else e.p = postings(r, e.mask);
      }
      terms.set(key, e); keys.push(key);
    }
    return { head: head, terms: terms, keys: keys };
  }

  /* One language's index. */
  function idx(fetcher) {
    var manifest = null, shards = new Map(), loaded = [], metas = new Map(), facets = null;
    function load() {
      return manifest || (manifest = fetcher("manifest.json", "json").then(function (m) {
        m.norms = m.averages.map(function (bits) {
          var avg = f32(bits), c = new Float32Array(256);
          for (var i = 0; i < 256; i++) c[i] = F(K1 * F(F(1 - 0.75) + F(F(0.75 * F(fieldnorm(i))) / avg)));
          return c;
        });
        return m;
      }));
    }
    function shardOf(m, key) {
      var lo = 0, hi = m.shards.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (cmp(m.shards[mid], key) <= 0) lo = mid; else hi = mid - 1; }
      return lo;
    }
    function shard(m, key) {
      var i = shardOf(m, key);
      if (!shards.has(i)) shards.set(i, fetcher("t/" + i + ".bin", "bin").then(function (b) { var s = parseShard(b); loaded.push(s); return s; }));
      return shards.get(i);
    }
    function entry(m, key) { return shard(m, key).then(function (s) { return s.terms.get(key); }); }
    /* The index term a typed word stands for, or null. */
    function resolve(m, w) {
      return entry(m, w).then(function (e) {
        var term = e ? (e.alias || (e.mask ? w : null)) : null;
        if (!term) return null;
        return term === w ? { term: w, e: e } : entry(m, term).then(function (t) { return t ? { term: term, e: t } : null; });
      });
    }
    function within1(a, b) { /* edit distance at most 1 */
      if (Math.abs(a.length - b.length) > 1 || a === b) return false;
      var i = 0; while (i < a.length && a[i] === b[i]) i++;
      return a.slice(i + (a.length >= b.length ? 1 : 0)) === b.slice(i + (b.length >= a.length ? 1 : 0));
    }
    /* Alternatives for a word: prefix completions or typo corrections, from its shard. */
    function alternatives(m, w, test) {
      return shard(m, w).then(function (s) {
        var picked = [], seen = new Set();
        s.keys.forEach(function (k) {
          if (!test(k)) return;
          var e = s.terms.get(k), t = e.alias || (e.mask ? k : null);
          if (t && !seen.has(t)) { seen.add(t); picked.push(t); }
        });
        return Promise.all(picked.slice(0, 40).map(function (t) { return entry(m, t).then(function (e) { return e ? { term: t, e: e } : null; }); }));
      });
    }
    function full(e) { /* the term's postings, fetched when they live in a file of their own */
      if (e.p) return Promise.resolve(e);
      return fetcher("p/" + e.file + ".bin", "bin").then(function (b) { e.p = postings(reader(b, 0), e.mask); return e; });
    }
    /* A term's score per document, added as tantivy does: title, summary (per page), body. */
    function termScores(m, e) {
      var pages = new Map(), out = new Map(), k, i, p, c, s;
      for (k = 0; k < 2; k++) {
        if (!e.p[k]) continue;
        p = e.p[k]; c = m.norms[k];
        for (i = 0; i < p.length; i += 3) {
          s = F(e.w[k] * F(p[i + 1] / F(p[i + 1] + c[p[i + 2]])));
          var o = pages.get(p[i]); pages.set(p[i], o === undefined ? s : F(o + s));
        }
      }
      if (e.p[2]) {
        p = e.p[2]; c = m.norms[2];
        for (i = 0; i < p.length; i += 3) {
          s = F(e.w[2] * F(p[i + 1] / F(p[i + 1] + c[p[i + 2]])));
          var ps = pages.get(Math.floor(p[i] / PARTS));
          out.set(p[i], ps === undefined ? s : F(ps + s));
        }
      }
      pages.forEach(function (v, page) { if (!out.has(page * PARTS)) out.set(page * PARTS, v); });
      return { docs: out, pages: pages };
    }
    /* Each term's contribution to a document, in query order. */
    function combine(list) {
      var total = new Map(), cands = new Set();
      list.forEach(function (t) { t.docs.forEach(function (v, d) { cands.add(d); }); });
      cands.forEach(function (d) {
        var sum, page = Math.floor(d / PARTS);
        list.forEach(function (t) {
          var v = t.docs.get(d);
          if (v === undefined) v = t.pages.get(page);
          if (v !== undefined) sum = sum === undefined ? v : F(sum + v);
        });
        total.set(d, sum);
      });
      return total;
    }
    function best(list) { /* per document, the best of several alternative terms */
      var docs = new Map(), pages = new Map();
      list.forEach(function (t) {
        t.docs.forEach(function (s, d) { var o = docs.get(d); if (o === undefined || s > o) docs.set(d, s); });
        t.pages.forEach(function (s, d) { var o = pages.get(d); if (o === undefined || s > o) pages.set(d, s); });
      });
      return { docs: docs, pages: pages };
    }
    function card(m, doc) {
      var hit = null;
      loaded.forEach(function (s) { if (!hit && s.head.docs[doc]) hit = s.head; });
      if (hit) return Promise.resolve({ c: hit.docs[doc], p: hit.pages[hit.docs[doc][0]] });
      var page = Math.floor(doc / PARTS), i = Math.floor(page / m.pages_per_meta_shard);
      if (!metas.has(i)) metas.set(i, fetcher("m/" + i + ".json", "json"));
      return metas.get(i).then(function (h) { var c = h.docs[doc] || h.docs[page * PARTS]; return { c: c, p: h.pages[page] }; });
    }
    function loadFacets() { return facets || (facets = fetcher("facets.json", "json").then(expandFacets)); }
    function expandFacets(cols) {
      var pageSets = {};
      ["topic", "region"].forEach(function (name) {
        pageSets[name] = cols[name].map(function (deltas) { var s = new Set(), p = 0; deltas.forEach(function (d) { p += d; s.add(p); }); return s; });
      });
      return { cols: cols, sets: pageSets };
    }
    function facetOk(fx, page, filters) {
      if (!filters) return true;
      for (var name in filters) {
        var want = filters[name];
        if (want === "" || want == null) continue;
        if (name === "topic" || name === "region") { var s = fx.sets[name][want]; if (!s || !s.has(page)) return false; }
        else if (fx.cols[name][page] !== +want) return false;
      }
      return true;
    }
    /* One index's search; filters are dictionary indexes. */
    function search(q, opts) {
      opts = opts || {};
      var limit = opts.limit || 10, ws = words(q), live = !opts.exact && !/\s$/.test(q);
      if (!ws.length) return Promise.resolve({ results: [], total: 0, terms: [] });
      return load().then(function (m) {
        return Promise.all(ws.map(function (w, i) {
          var last = live && i === ws.length - 1;
          return resolve(m, w).then(function (r) {
            if (r && !last) return { alts: [r], corrected: false };
            var prefix = last ? alternatives(m, w, function (k) { return k.lastIndexOf(w, 0) === 0; }) : Promise.resolve([]);
            return prefix.then(function (p) {
              p = p.filter(Boolean);
              if (r && !p.some(function (a) { return a.term === r.term; })) p.unshift(r);
              if (p.length) return { alts: p, corrected: false };
              var fw = fold(w);
              var retry = fw !== w ? resolve(m, fw) : Promise.resolve(null);
              return retry.then(function (r2) {
                if (r2 || CJK.test(w) || opts.nofix) return { alts: r2 ? [r2] : [], corrected: false };
                return alternatives(m, w, function (k) { return within1(k, w); }).then(function (t) {
                  return { alts: t.filter(Boolean), corrected: true };
                });
              });
            });
          });
        })).then(function (groups) {
          var seen = new Set(), terms = [], chosen = [];
          groups.forEach(function (g) {
            var alts = g.alts.filter(function (a) { return !seen.has(a.term); });
            alts.forEach(function (a) { seen.add(a.term); terms.push(a.term); });
            if (alts.length) chosen.push(alts);
          });
          var filtered = opts.filters && Object.keys(opts.filters).some(function (k) { return opts.filters[k] !== "" && opts.filters[k] != null; });
          /* One word: its best pages are stored with the term, already ranked. */
          if (chosen.length === 1 && !filtered && !opts.counts) {
            var tops = [], pagesTotal = 0;
            chosen[0].forEach(function (a) { tops = tops.concat(a.e.top); pagesTotal = Math.max(pagesTotal, a.e.pages); });
            var complete = chosen[0].length === 1 && (tops.length >= limit || tops.length === chosen[0][0].e.pages);
            if (complete || chosen[0].length > 1) {
              return finish(m, rankTop(tops), chosen[0].length === 1 ? pagesTotal : null, null, groups, terms, limit);
            }
          }
          return Promise.all(chosen.map(function (alts) { return Promise.all(alts.map(function (a) { return full(a.e); })); })).then(function () {
            var list = chosen.map(function (alts) {
              return alts.length === 1 ? termScores(m, alts[0].e) : best(alts.map(function (a) { return termScores(m, a.e); }));
            });
            var ranked = Array.from(combine(list)).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
            return (filtered || opts.counts ? loadFacets() : Promise.resolve(null)).then(function (fx) {
              var pages = new Set(), hits = [], matched = [];
              ranked.forEach(function (r) {
                var page = Math.floor(r[0] / PARTS);
                if (pages.has(page)) return;
                pages.add(page); matched.push(page);
                if (!fx || !filtered || facetOk(fx, page, opts.filters)) hits.push([r[0], r[1]]);
              });
              var counts = fx && opts.counts ? countFacets(fx, matched, opts.filters) : null;
              return finish(m, hits, hits.length, counts, groups, terms, limit);
            });
          });
        });
      });
    }
    function rankTop(tops) { /* merge ranked [doc, score] lists: best score per page */
      tops.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      var seen = new Set();
      return tops.filter(function (t) { var p = Math.floor(t[0] / PARTS); if (seen.has(p)) return false; seen.add(p); return true; });
    }
    function finish(m, hits, total, counts, groups, terms, limit) {
      return Promise.all(hits.slice(0, limit).map(function (h) {
        return card(m, h[0]).then(function (x) {
          var page = Math.floor(h[0] / PARTS), c = x.c || [page, "", "", ""], p = x.p || ["", "", "", "", ""];
          return { url: p[1] + (c[1] ? "#" + c[1] : ""), title: p[0], type: p[2], date: p[3], lang: p[4], heading: c[2], text: c[3], score: h[1], doc: h[0] };
        });
      })).then(function (results) {
        return { results: results, total: total === null ? results.length : total, terms: terms, counts: counts, corrected: groups.some(function (g) { return g.corrected && g.alts.length; }) };
      });
    }
    function countFacets(fx, pages, filters) {
      var out = {};
      ["type", "year", "lang", "topic", "region"].forEach(function (name) {
        var others = Object.assign({}, filters); delete others[name];
        var n = name === "topic" || name === "region" ? fx.sets[name].length : 0, c = {};
        pages.forEach(function (p) {
          if (!facetOk(fx, p, others)) return;
          if (n) { for (var i = 0; i < n; i++) if (fx.sets[name][i].has(p)) c[i] = (c[i] || 0) + 1; }
          else { var v = fx.cols[name][p]; c[v] = (c[v] || 0) + 1; }
        });
        out[name] = c;
      });
      return out;
    }
    return { search: search, manifest: load };
  }

  function key(v) { return Array.isArray(v) ? v[0] : v; }
  /* Every language's index (search/<lang>/): opts.lang picks one, "*" merges all by score;
     filters and counts by value. */
  function createSearch(fetcher) {
    var list = null, engines = {};
    function langs() { return list || (list = fetcher("languages.json", "json")); }
    function one(c) { return engines[c] || (engines[c] = idx(function (p, k) { return fetcher(c + "/" + p, k); })); }
    function pick(l, want) {
      want = String(want || "").toLowerCase();
      var a = l.languages, p = want.split("-")[0];
      return a.indexOf(want) >= 0 ? want : a.indexOf(p) >= 0 ? p : a.indexOf(l.default) >= 0 ? l.default : a[0];
    }
    function search(q, opts) {
      opts = opts || {};
      return langs().then(function (l) {
        var codes = opts.lang === "*" ? l.languages : [pick(l, opts.lang)], many = codes.length > 1;
        function run(nofix) {
          return Promise.all(codes.map(function (c, i) {
            var e = one(c);
            return e.manifest().then(function (m) {
              var f = {}, fs = opts.filters || {};
              for (var n in fs) if (fs[n] !== "" && fs[n] != null) f[n] = m.facets[n].map(key).indexOf(String(fs[n]));
              return e.search(q, Object.assign({}, opts, { filters: f, nofix: nofix })).then(function (r) { r.i = i; r.m = m; return r; });
            });
          }));
        }
        /* Across languages, spellings are corrected only when no language knows the words. */
        return run(many).then(function (rs) { return many && !rs.some(function (r) { return r.total; }) ? run(false) : rs; }).then(function (rs) {
          var all = [], out = { results: all, total: 0, terms: [], counts: opts.counts ? {} : null, dict: {}, corrected: false, lang: many ? "*" : codes[0] };
          rs.forEach(function (r) {
            out.total += r.total; out.terms = out.terms.concat(r.terms || []); out.corrected = out.corrected || r.corrected;
            r.results.forEach(function (x) { x.i = r.i; all.push(x); });
            for (var n in r.m.facets) {
              var d = r.m.facets[n], c = out.counts && (out.counts[n] = out.counts[n] || {}), t = out.dict[n] = out.dict[n] || {};
              d.forEach(function (v, j) { var k = key(v), n2 = r.counts && r.counts[n] && r.counts[n][j]; t[k] = Array.isArray(v) ? v[1] : v; if (c && n2) c[k] = (c[k] || 0) + n2; });
            }
          });
          all.sort(function (a, b) { return b.score - a.score || a.i - b.i || a.doc - b.doc; });
          out.results = all.slice(0, opts.limit || 10);
          return out;
        });
      });
    }
    return { search: search, languages: langs, warm: function (lang) { return langs().then(function (l) { return one(pick(l, lang)).manifest(); }); } };
  }

  if (typeof module !== "undefined" && module.exports) { module.exports = { createSearch: createSearch, words: words }; return; }
  if (typeof document === "undefined") return;

  /* ---- the interface ---- */
  var me = document.currentScript, base = (me && me.getAttribute("data-base")) || "/";
  /* Interface strings in the page's language, from the script tag's data-strings. */
  var S = {};
  try { S = JSON.parse(me.getAttribute("data-strings")); } catch (e) { /* keys show */ }
  function L(k, n, q) { return String(S[k] || k).replace("{n}", n).replace("{q}", q); }
  var engine = createSearch(function (path, kind) {
    return fetch(base + "search/" + path).then(function (r) {
      if (!r.ok) throw new Error(path + ": " + r.status);
      return kind === "bin" ? r.arrayBuffer() : r.json();
    });
  });
  function esc(s) { return String(s).replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; }); }
  function mark(s, terms) {
    return esc(s).replace(/[\p{Alphabetic}\p{N}]+/gu, function (w) {
      var l = fold(w.toLowerCase());
      return terms.some(function (t) { return t.length > 1 && l.lastIndexOf(t, 0) === 0; }) ? "<mark>" + w + "</mark>" : w;
    });
  }
  function init() {
    var form = document.querySelector("#search-page form[role=search]") || document.querySelector("form[role=search]");
    if (!form) return;
    var input = form.querySelector("input[type=search]");
    var params = new URLSearchParams(location.search), page = document.getElementById("search-page"), box = document.getElementById("search-results");
    if (!box) {
      box = document.createElement("section");
      box.id = "search-results"; box.className = "search-results wrap"; box.hidden = true;
      box.setAttribute("aria-label", L("results"));
      form.closest("header").insertAdjacentElement("afterend", box);
    }
    input.setAttribute("aria-controls", box.id);
    input.setAttribute("autocomplete", "off");
    var status = document.createElement("p");
    status.className = "search-status"; status.setAttribute("role", "status"); status.setAttribute("aria-live", "polite");
    var filters = document.createElement("div"), list = document.createElement("ol");
    filters.className = "search-filters"; list.className = "search-list";
    box.append(status, filters, list);
    /* The reader's language: ?lang=, else the page's. */
    var state = { filters: {}, seq: 0, timer: 0, lang: params.get("lang") || document.documentElement.lang, langs: [] };
    /* The manifest loads when the reader heads for the box, not with every page view. */
    function warm() { engine.warm(state.lang).then(function () { return engine.languages(); }).then(function (l) { state.langs = l.languages; }, function () {}); }
    if (page) warm(); else { input.addEventListener("focus", warm, { once: true }); input.addEventListener("pointerenter", warm, { once: true }); }
    function run(exact) {
      var q = input.value, seq = ++state.seq;
      if (!q.trim()) { box.hidden = !page; list.innerHTML = ""; status.textContent = ""; filters.innerHTML = ""; return; }
      engine.search(q, { exact: exact, filters: state.filters, counts: !!page, limit: page ? 30 : 8, lang: state.lang }).then(function (r) {
        if (seq !== state.seq) return;
        box.hidden = false;
        list.innerHTML = r.results.map(function (x) {
          return '<li><a href="' + esc(x.url) + '"><span class="search-title">' + esc(x.title) + (x.heading ? " › " + esc(x.heading) : "") +
            '</span></a><p class="meta">' + esc(x.type) + (x.date ? " · " + esc(x.date) : "") + "</p><p>" + mark(x.text, r.terms) + "</p></li>";
        }).join("");
        status.textContent = r.total ? L(r.total === 1 ? "result_one" : "result_other", r.total) + (r.corrected ? L("close_spellings") : "") : L("no_results", 0, q);
        if (page && r.counts) drawFilters(r);
        if (!page && r.total > r.results.length) {
          list.insertAdjacentHTML("beforeend", '<li class="search-more"><a href="' + esc(form.getAttribute("action") || base + "search/") + "?q=" + encodeURIComponent(q) + "&lang=" + r.lang + '">' + esc(L("all_results", r.total)) + "</a></li>");
        }
      }, function () { if (seq === state.seq) status.textContent = L("unavailable"); });
    }
    /* Facets; the language picks the index, or all. */
    function drawFilters(r) {
      var names = { type: L("facet_type"), topic: L("facet_topic"), region: L("facet_region"), year: L("facet_year") };
      function opt(v, label, on) { return '<option value="' + esc(v) + '"' + (on ? " selected" : "") + ">" + esc(label) + "</option>"; }
      filters.innerHTML = (state.langs.length > 1 ? '<label>' + esc(L("facet_language")) + ' <select data-facet="lang">' + opt("*", L("all_languages"), r.lang === "*") + state.langs.map(function (c) {
        var n = r.counts.lang[c]; return opt(c, (S.langs && S.langs[c] || c) + (n ? " (" + n + ")" : ""), r.lang === c);
      }).join("") + "</select></label>" : "") + Object.keys(names).map(function (n) {
        var c = r.counts[n] || {}, opts = Object.keys(r.dict[n] || {}).map(function (k) { return c[k] ? opt(k, (r.dict[n][k] || L("facet_none")) + " (" + c[k] + ")", String(state.filters[n]) === k) : ""; }).join("");
        return opts ? '<label>' + esc(names[n]) + ' <select data-facet="' + n + '"><option value="">' + esc(L("facet_all")) + "</option>" + opts + "</select></label>" : "";
      }).join("");
    }
    filters.addEventListener("change", function (e) { var n = e.target.getAttribute("data-facet"); if (n === "lang") state.lang = e.target.value; else state.filters[n] = e.target.value; run(true); });
    input.addEventListener("input", function () { clearTimeout(state.timer); state.timer = setTimeout(function () { run(false); }, 120); });
    form.addEventListener("submit", function (e) { if (!page) return; e.preventDefault(); history.replaceState(null, "", "?q=" + encodeURIComponent(input.value)); run(true); });
    form.addEventListener("keydown", function (e) { if (e.key === "ArrowDown") { var a = list.querySelector("a"); if (a) { e.preventDefault(); a.focus(); } } });
    box.addEventListener("keydown", function (e) {
      var links = Array.from(list.querySelectorAll("a")), i = links.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && i >= 0 && i < links.length - 1) { e.preventDefault(); links[i + 1].focus(); }
      else if (e.key === "ArrowUp" && i >= 0) { e.preventDefault(); (i ? links[i - 1] : input).focus(); }
      else if (e.key === "Escape") { input.focus(); if (!page) box.hidden = true; }
    });
    var q = params.get("q");
    if (page && q) { input.value = q; run(true); }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})(this);
