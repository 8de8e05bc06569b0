#!/bin/sh
# Country and language names are translated by Debian's iso-codes at run
# time (its iso_3166-1 and iso_639-3 catalogs, its JSON lists for the
# names it gives each code), not by onward's catalogs, which keep only
# onward's own text.
. "$top_srcdir/tests/lib.sh"
[ -d "${ONWARD_LOCALEDIR:-}/sv" ] || skip_all 'no compiled sv catalog'
FORMS="$top_srcdir/forms"
db="$T/s.db"

# The dictionary lists every choice of every question, labelled in the
# language in use.
dict() {
	rm -rf "$T/csv"
	"$ONWARD" --db "$db" --forms "$FORMS" csv --all -o "$T/csv" >/dev/null &&
	    cat "$T/csv/dictionary.csv"
}

out=$(LANGUAGE=sv dict)
like 'a country in Swedish, from iso-codes' "$out" 'Tyskland'
like 'a language in Swedish' "$out" 'Tyska'
like "the pack's own text in Swedish still, from onward's catalog" "$out" \
	'registration,.*,sex,select_one,Kön,'
out=$(LANGUAGE=fr dict)
like 'a country in French, from iso-codes' "$out" 'Allemagne'
like 'a shortened name found by its code (Bolivia)' "$out" 'Bolivie'
like 'a language whose label is not iso-codes'"'"' name, by its code (Greek)' \
	"$out" 'grec moderne'
like 'the English label where iso-codes has no such code (bh)' "$out" \
	'Bihari languages'
out=$(LANGUAGE=en dict)
like 'in English, our labels' "$out" 'Germany'
unlike '... not iso-codes'"'"' long names' "$out" 'Plurinational|macrolanguage'

# Without iso-codes (ONWARD_ISO_CODES names an empty prefix) names stay
# English: onward's catalogs no longer hold them.
mkdir "$T/none"
out=$(ONWARD_ISO_CODES="$T/none" LANGUAGE=sv dict)
like 'without iso-codes a country stays English' "$out" 'Germany'
unlike '... it is in no catalog of ours' "$out" 'Tyskland'
like '... while our text is Swedish' "$out" 'Kön'
# A stand-in iso-codes: the JSON read as iso-codes writes it (escapes, a
# common name before the name, codes in capitals) and a catalog of its own.
iso="$T/iso"
mkdir -p "$iso/share/iso-codes/json" "$iso/share/locale/sv/LC_MESSAGES" \
    "$T/data"
cat >"$iso/share/iso-codes/json/iso_3166-1.json" <<'JSON'
{
  "3166-1": [
    {
      "alpha_2": "XA",
      "common_name": "Caf\u00e9 \"Land\"",
      "name": "Republic of Caf\u00e9, the",
      "numeric": "900"
    },
    {
      "alpha_3": "XBB",
      "name": "No Two-Letter Code"
    },
    {
      "alpha_2": "XC",
      "name": "Xland"
    }
  ]
}
JSON
cat >"$T/iso.po" <<'PO'
msgid ""
msgstr "Content-Type: text/plain; charset=UTF-8\n"

msgid "Café \"Land\""
msgstr "Kaféland"

msgid "Republic of Café, the"
msgstr "Republiken Kafé"

msgid "Xland"
msgstr "Ixland"
PO
msgfmt -o "$iso/share/locale/sv/LC_MESSAGES/iso_3166-1.mo" "$T/iso.po"
cp "$top_srcdir"/data/* "$T/data/"
printf 'value,label\nxa,Cafe\nxc,Xland\n' >"$T/data/countries.csv"
out=$(ONWARD_DATA="$T/data" ONWARD_ISO_CODES="$iso" LANGUAGE=sv dict)
like "a label that is not iso-codes' is found by its code, common name first" \
	"$out" 'Kaféland'
like 'a label that is iso-codes'"'"' name is translated as it is' "$out" 'Ixland'
# A broken JSON list (a bad escape, cut short) is read as far as it goes.
printf '{"639-3": [{"alpha_2": "ab", "name": "Ab\\u12"}, {"alpha_2": "aa", "name": "Afar \\' \
    >"$iso/share/iso-codes/json/iso_639-3.json"
out=$(ONWARD_DATA="$T/data" ONWARD_ISO_CODES="$iso" LANGUAGE=sv dict)
like 'a broken iso-codes list leaves the labels English' "$out" 'Abkhazian'
for f in forms.pot sv.po fr.po; do
	unlike "po/$f holds no country or language name" \
	    "$(cat "$top_srcdir/po/$f")" 'data/(countries|languages)\.csv'
done
pot=$(ONWARD_DATA="$top_srcdir/data" "$ONWARD" --forms "$FORMS" forms pot)
unlike 'onward forms pot leaves them to iso-codes' "$pot" \
	'msgid "(Germany|Abkhazian)"'
like '... and keeps the other data lists' "$pot" 'data/isco08.csv'
done_testing
