#!/bin/sh
# Seeds the fuzz corpora with the valid corpora of the repository. Run from fuzz/.
set -e
mkdir -p corpus/load corpus/load_render corpus/search_output
for f in ../tests/fixtures/corpora/valid/*.json ../data/example.json ../data/coalition-des-volontaires.json; do
    name=$(basename "$f")
    cp "$f" corpus/load/
    # load_render: an 80×24 terminal, 5 key presses, then the corpus. A key
    # byte is an index into bound_keys() (the key table's order): j (11),
    # Tab (5), ] (28), 1 (7), Space (17).
    { printf '\120\030\005\013\005\034\007\021'; cat "$f"; } > "corpus/load_render/$name"
    # search_output: mode byte (bit 0 regex, bit 1 colour), query length, query, corpus.
    { printf '\000\012s\303\251curit\303\251'; cat "$f"; } > "corpus/search_output/plain-$name"
    { printf '\003\007[ae]s\\b'; cat "$f"; } > "corpus/search_output/regex-$name"
    { printf '\000\001a'; cat "$f"; } > "corpus/search_output/a-$name"
done
# import: the hand-written pages of tests/fixtures/pages.
mkdir -p corpus/import
cp ../tests/fixtures/pages/*.html corpus/import/
# fragment: a feed item's content or summary: the fixture pages (as HTML
# given whole), a short summary, plain text with entities, an embed.
mkdir -p corpus/fragment
cp ../tests/fixtures/pages/*.html corpus/fragment/
printf 'Summary only.' > corpus/fragment/short.txt
printf 'Tom &amp; Jerry\n\nA second &lt;3 paragraph: a < b.' > corpus/fragment/plain.txt
printf '<p>Lead.</p><h2>Part</h2><ul><li><a href="/x">Share this</a></li></ul><blockquote class="twitter-tweet"><p>Post.</p>&mdash; A (@a) <a href="https://twitter.com/a/status/1875000000000000000">January 3, 2026</a></blockquote><table><tr><td>1</td></tr></table>' > corpus/fragment/kinds.html
# config: an 80×24 terminal, then the default configuration and a few edits.
mkdir -p corpus/config
cargo run --quiet --manifest-path ../Cargo.toml -- --print-config > /tmp/depeche-default.toml
{ printf '\120\030'; cat /tmp/depeche-default.toml; } > corpus/config/default
{ printf '\062\020'; printf 'theme = "high-contrast"\n[layout]\nborders = "none"\npanes = ["sources"]\n[keys.reader]\nsearch = ["s", "/"]\n'; } > corpus/config/edited
