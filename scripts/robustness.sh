#!/usr/bin/env bash
# Issue 11's reproductions rebuilt at several sizes: time and peak memory of
# each mode (docs/performance.md, "Peak memory" and "Costs at n and 4n").
#
#   cargo build --release --bins && scripts/robustness.sh [memory|scaling|reader] [DIR]
#
# Needs /usr/bin/time (GNU) and, for the reader, tmux. Corpora are written
# to DIR (default /tmp/depeche-robustness) by depeche-gen. BIN names another
# folder holding depeche and depeche-gen (another build, to compare).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BIN:-${CARGO_TARGET_DIR:-target}/release}
what=${1:-memory}
dir=${2:-/tmp/depeche-robustness}
mkdir -p "$dir"

gen() { # NAME ARGS… → path (written once)
    local name=$1; shift
    [ -s "$dir/$name.json" ] || "$bin/depeche-gen" "$@" -o "$dir/$name.json"
    echo "$dir/$name.json"
}

# Seconds and peak RSS (MB) of `depeche ARGS…`, output to /dev/null.
measure() {
    /usr/bin/time -f '%e %M' "$bin/depeche" "$@" >/dev/null 2>"$dir/time.txt" || true
    tail -1 "$dir/time.txt" | awk '{printf "%6.2f s %8.1f MB", $1, $2/1024}'
}

# Peak RSS (MB) of the reader once the article is on screen with its links
# found and laid out, then q.
reader() {
    local file=$1 wait_for=$2
    tmux kill-session -t depeche-measure 2>/dev/null || true
    tmux new-session -d -s depeche-measure -x 120 -y 40 "$bin/depeche '$file'"
    local start=$(date +%s.%N)
    until tmux capture-pane -p -t depeche-measure | grep -q "$wait_for"; do sleep 0.05; done
    local first=$(echo "$(date +%s.%N) - $start" | bc)
    while tmux capture-pane -p -t depeche-measure | grep -q 'laying out'; do sleep 0.05; done
    sleep 1
    local pid=$(pgrep -n -f "$bin/depeche $file" || pgrep -n -x depeche)
    local hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
    tmux send-keys -t depeche-measure q
    sleep 0.3
    tmux kill-session -t depeche-measure 2>/dev/null || true
    printf "first frame %5.2f s %8.1f MB" "$first" "$(echo "$hwm / 1024" | bc -l)"
}

size() { stat -c %s "$1" | awk '{printf "%.1f MB", $1/1e6}'; }

case $what in
memory)
    # name, depeche-gen arguments, then a plain query and a regex for --search
    # (the issue's `a` on the paragraph of one-letter words).
    while read -r name query pattern args; do
        file=$(gen "$name" $args)
        echo "== $name ($(size "$file"))"
        echo "  --check              $(measure --check "$file")"
        echo "  --dump               $(measure --dump "$file")"
        echo "  --toc                $(measure --toc "$file")"
        echo "  --search $query      $(measure --search "$query" "$file")"
        echo "  --search $pattern -r $(measure --search "$pattern" --regex "$file")"
    done <<'LIST'
x10000-one coalition coali[a-z]+ --scale 10000 --shape one
x10000-many coalition coali[a-z]+ --scale 10000 --shape many
words-26M a a --hostile words --count 26000000
fdfa-13M x x --hostile fdfa --count 13333333
links-100k example e9[0-9]+ --hostile links --count 100000
post-links-100k x x --hostile post-links --count 100000
long-id-1M a a --hostile long-id --count 1048576
marks-96k fin fin --hostile marks --count 96000
cites-200k N N --hostile cites --count 200000
sections-100k mot mo[a-z] --hostile sections --count 100000
articles-100k mot mo[a-z] --hostile articles --count 100000
LIST
    ;;
reader)
    for corpus in \
        "x10000-one --scale 10000 --shape one" \
        "words-26M --hostile words --count 26000000" \
        "fdfa-13M --hostile fdfa --count 13333333" \
        "links-100k --hostile links --count 100000" \
        "post-links-100k --hostile post-links --count 100000" \
        "marks-96k --hostile marks --count 96000" \
        "cites-200k --hostile cites --count 200000" \
        "sections-100k --hostile sections --count 100000" \
        "articles-100k --hostile articles --count 100000"; do
        set -- $corpus
        file=$(gen "$@")
        case $1 in
        x10000*) title="Guerre en Ukraine" ;;
        sections*) title="Section 0" ;;
        *) title="Intertitre" ;;
        esac
        echo "== $1 ($(size "$file")): reader $(reader "$file" "$title")"
    done
    ;;
scaling)
    for shape in "words 40000" "links 100000" "post-links 100000" "cites 200000" "marks 96000" "long-id 100000"; do
        set -- $shape
        for n in $2 $(($2 * 4)) $(($2 * 16)); do
            file=$(gen "$1-$n" --hostile "$1" --count "$n")
            echo "$1 n=$n ($(size "$file")): --check $(measure --check "$file") | --search a $(measure --search a "$file") | --dump $(measure --dump "$file")"
        done
    done
    ;;
esac
