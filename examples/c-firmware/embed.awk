# Turns a text file into a C string constant, so that the firmware embeds the test vectors
# the host suites use (tests/vectors) without a hand-copied blob:
#   awk -v name=JWKS -f embed.awk tests/vectors/jwks.json
# Quotes and backslashes are escaped and every line keeps its newline, except with
# -v trim=1 (a one-line token file): then the last newline is dropped. `sizeof NAME - 1` is
# the length.
BEGIN { printf "static const char %s[] =\n", name }
{
    gsub(/\\/, "\\\\")
    gsub(/"/, "\\\"")
    text[NR] = $0
}
END {
    if (NR == 0) printf "    \"\"\n"
    for (i = 1; i <= NR; i++) printf "    \"%s%s\"\n", text[i], (trim && i == NR) ? "" : "\\n"
    print ";"
}
