#!/bin/sh
# The onward command: version, help, bad usage, no terminal, translations.
. "$top_srcdir/tests/lib.sh"

version=$(sed -n 's/^AC_INIT(\[onward\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")
is 'onward --version prints the version from configure.ac' \
	"$("$ONWARD" --version)" "onward $version"
ok 'onward --help succeeds' "$ONWARD" --help
like 'onward --help lists the verbs' "$("$ONWARD" --help)" '^  help '
fails 'an unknown verb exits 2' 2 "$ONWARD" nosuchverb
like 'an unknown verb gets a one-line message naming it' \
	"$("$ONWARD" nosuchverb 2>&1)" "^onward: unknown verb 'nosuchverb'"
is 'that message is one line' "$("$ONWARD" nosuchverb 2>&1 | wc -l)" 1
fails 'an unknown option exits 2' 2 "$ONWARD" --bogus
like 'an unknown option names it' "$("$ONWARD" --bogus 2>&1)" "'--bogus'"
fails 'a missing option argument exits 2' 2 "$ONWARD" --db
fails 'no verb and no terminal exits 2' 2 sh -c '"$ONWARD" </dev/null >/dev/null'
like 'no verb and no terminal says so' \
	"$("$ONWARD" </dev/null 2>&1)" 'no terminal'
ok 'onward help help succeeds' "$ONWARD" help help
like 'onward help VERB shows its usage' "$("$ONWARD" help help)" '^usage: onward help'
like 'onward VERB --help is the same' "$("$ONWARD" help --help)" '^usage: onward help'
fails 'onward help nosuchverb exits 2' 2 "$ONWARD" help nosuchverb

out=$(LANGUAGE=sv "$ONWARD" --help)
like 'LANGUAGE=sv onward --help is in Swedish' "$out" 'användning|Användning'
out=$(LANGUAGE=fr "$ONWARD" --help)
like 'LANGUAGE=fr onward --help is in French' "$out" 'utilisation|Utilisation'
out=$(LANGUAGE=sv "$ONWARD" nosuchverb 2>&1)
like 'errors are translated too' "$out" 'okänt'
# Every verb's help, in every language, ends its last line.
for lang in '' sv fr; do
	bad=
	for v in $("$ONWARD" help | awk '/^  [a-z]/ {print $1}'); do
		last=$(LANGUAGE=$lang "$ONWARD" help "$v" | tail -c 1 | od -An -c | tr -d ' ')
		[ "$last" = '\n' ] || bad="$bad $v"
	done
	is "every verb's help ends with a newline${lang:+ ($lang)}" "$bad" ''
done
done_testing
