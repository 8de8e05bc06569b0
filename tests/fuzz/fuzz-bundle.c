/*
 * fuzz-bundle.c: libFuzzer target for the bundle reader.  Each input is
 * read as a bundle file to its verified end or its refusal, with small
 * limits so that bombs are cheap to find; every change read is checked
 * with bundle_change_problem.  Any crash, leak, sanitizer report or hang
 * is a bug.  An input that starts like gzip (1f 8b) is read as a bundle
 * file; any other is taken as the bundle's text and gzipped here with
 * onward's fixed header, so that the fuzzer reaches the header, line and
 * trailer checks without having to forge gzip CRCs.  The seed corpus
 * (tests/fuzz/corpus-bundle) holds real bundles and their text.
 *
 *	clang -fsanitize=fuzzer,address,undefined -I src -I build \
 *	    src/bundle*.c src/util.c src/i18n.c tests/fuzz/fuzz-bundle.c \
 *	    -lz -lsodium
 *	./a.out -max_total_time=60 tests/fuzz/corpus-bundle
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t			*gz = NULL;
	size_t			 gzlen;

	struct bundle_limits	 lim = { 8 << 20, 64 << 10 };
	struct bundle_reader	*r;
	const struct change	*c;
	char			*cause = NULL;
	int			 rc;

	if (size < 2 || data[0] != 0x1f || data[1] != 0x8b) {
		bundle_gzip_text(data, size, (void **)&gz, &gzlen);
		data = gz;
		size = gzlen;
	}
	if ((r = bundle_open_mem(data, size, "fuzz", &lim, &cause)) == NULL) {
		free(cause);
		free(gz);
		return 0;
	}
	while ((rc = bundle_read(r, &c, &cause)) == 1) {
		if (bundle_change_problem(c) != NULL)
			abort();
	}
	if (rc != 0)
		free(cause);
	bundle_close(r);
	free(gz);
	return 0;
}
