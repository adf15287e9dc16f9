#!/bin/sh
# Seeds the fuzz corpora with the valid corpora of the repository. Run from fuzz/.
set -e
mkdir -p corpus/load corpus/load_render
for f in ../tests/fixtures/corpora/valid/*.json ../data/example.json ../data/coalition-des-volontaires.json; do
    name=$(basename "$f")
    cp "$f" corpus/load/
    # load_render: an 80×24 terminal, 5 key presses (j, Tab, ], 1, Space), then the corpus.
    { printf '\120\030\005\000\012\006\016\002'; cat "$f"; } > "corpus/load_render/$name"
done
# import: the hand-written pages of tests/fixtures/pages.
mkdir -p corpus/import
cp ../tests/fixtures/pages/*.html corpus/import/
