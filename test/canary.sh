#!/bin/sh
# canary.sh PROPCHECK - no secret value, nor any 4-character piece of one,
# appears in any output: every format, --emit-policy, --verify, --fix
# (its messages; the rewritten file may keep the user's own values), and
# error messages.
#
# Every secret key of src/keys.c (rows flagged KF_SECRET), plus misspelled
# and miscased secret keys, gets a distinct canary value in: well-formed
# statements of every kind, malformed statements (unquoted value, missing
# '=', missing ')', unterminated string), duplicate keys, Databend
# connections and stages, and JSON property maps (--props).  Canaries are
# random mixed-case letters, so that no 4-character piece of one occurs in
# propcheck's own text by chance.
set -u
bin=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/propcheck-canary.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
fail=0

keys=$(awk '/^ *\{"/ { row = ""; inrow = 1 }
  inrow { row = row $0 }
  inrow && /\},?$/ { if (row ~ /KF_SECRET/) { match(row, /"[^"]*"/);
      print substr(row, RSTART + 1, RLENGTH - 2) } inrow = 0 }' src/keys.c)
[ "$(echo "$keys" | wc -l)" -ge 40 ] || { echo "canary: could not read the secret keys of src/keys.c"; exit 1; }
# Misspelled and miscased secret keys: still secrets.
keys="$keys
aws.s3.secret_ky
aws.s3.acces_key
AWS.S3.SECRET_KEY
aws.glue.secret_keys
iceberg.catalog.oauth2.credentail
iceberg.catalog.oauth2.tokn
fs.s3a.secret.ky
secret_acess_key"

# canary: the next distinct random value, 24 characters repeating
# upper-case letter, digit, lower-case letter (g-z, not hex), digit: every
# 4-character piece mixes cases and digits, which propcheck's own text
# (and hex fingerprints) never does.
awk 'BEGIN { srand(20261123); U = "ABCDEFGHJKLMNPQRSTUVWXYZ"; L = "ghijkmnpqrstuvwxyz";
  for (i = 0; i < 4000; i++) { s = "";
    for (j = 0; j < 6; j++)
      s = s substr(U, 1 + int(rand() * 24), 1) int(rand() * 10) substr(L, 1 + int(rand() * 18), 1) int(rand() * 10);
    print s } }' >"$tmp/pool"
# (called in $(...) subshells: the count is kept in a file)
: >"$tmp/canaries"
canary() {
  n=$(($(wc -l <"$tmp/canaries") + 1))
  c=$(sed -n "${n}p" "$tmp/pool")
  echo "$c" >>"$tmp/canaries"
  printf '%s' "$c"
}

cd "$tmp" || exit 1
top=$OLDPWD
case $bin in /*) ;; *) bin=$top/$bin ;; esac
sql=canary.sql
: >"$sql"
for k in $keys; do
  case $k in
    *.*) ;;
    *) # a Databend option: connection and stage
      printf "CREATE CONNECTION c_%s STORAGE_TYPE = 's3' ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE' %s = '%s';\n" "$k" "$k" "$(canary)" >>"$sql"
      printf "CREATE STAGE s_%s URL = 's3://b/p/' CONNECTION = (%s = '%s', REGION = 'us-east-1');\n" "$k" "$k" "$(canary)" >>"$sql"
      printf "CREATE STAGE u_%s URL = 's3://b/p/' CONNECTION = (%s = %s);\n" "$k" "$k" "$(canary)" >>"$sql"
      continue ;;
  esac
  cat >>"$sql" <<EOS
CREATE EXTERNAL CATALOG hive_c PROPERTIES ("type" = "hive", "hive.metastore.type" = "glue",
  "$k" = "$(canary)", "aws.glue.region" = "us-east-1", "aws.s3.region" = "us-east-1");
CREATE EXTERNAL CATALOG ice_c PROPERTIES ("type" = "iceberg", "iceberg.catalog.type" = "rest",
  "iceberg.catalog.uri" = "https://r.example.com", "iceberg.catalog.security" = "oauth2",
  '$k' = '$(canary)', "aws.s3.region" = "us-east-1");
SELECT * FROM FILES("path" = "s3://b/x", "format" = "csv", "$k" = "$(canary)");
INSERT INTO FILES("path" = "s3://b/out/", "format" = "parquet", "aws.s3.use_instance_profile" = "true", "$k" = "$(canary)") SELECT 1;
LOAD LABEL db.l (DATA INFILE("s3://b/in") INTO TABLE t) WITH BROKER ("$k" = "$(canary)", "aws.s3.region" = "us-east-1");
LOAD LABEL db.l (DATA INFILE("s3a://b/in") INTO TABLE t) WITH BROKER ("fs.s3a.access.key" = "AKIAIOSFODNN7EXAMPLE", "$k" = "$(canary)");
SELECT * FROM FILES("path" = "s3a://b/x", "format" = "csv", "fs.s3a.secret.key" = "$(canary)", "$k" = "$(canary)");
CREATE STORAGE VOLUME v TYPE = S3 LOCATIONS = ("s3://b/v/") PROPERTIES ("aws.s3.region" = "us-east-1", "$k" = "$(canary)");
CREATE REPOSITORY r WITH BROKER ON LOCATION "s3://b/r" PROPERTIES ("$k" = "$(canary)");
ALTER CATALOG hive_c SET ("$k" = "$(canary)");
-- duplicates, the same value twice and two values
SELECT * FROM FILES("path" = "s3://b/x", "format" = "csv", "$k" = "$(canary)", "$k" = "$(canary)");
SELECT * FROM FILES("path" = "s3://b/x", "format" = "csv", "$k" = "$(canary)", "$k" = "$(canary)");
-- malformed: unquoted value, no '=', no ')', double '=', trailing comma
SELECT * FROM FILES("path" = "s3://b/x", "format" = "csv", "$k" = $(canary));
SELECT * FROM FILES("path" = "s3://b/x", "format" = "csv", "$k" "$(canary)");
SELECT * FROM FILES("path" = "s3://b/x", "format" = "csv", "$k" = "$(canary)" ;
SELECT * FROM FILES("path" = "s3://b/x", "format" = "csv", "$k" = = "$(canary)");
SELECT * FROM FILES("path" = "s3://b/x", "$k" = "$(canary)", );
SELECT * FROM FILES("path" = "s3://b/x", "$k" = "$(canary)\\" "x" = "y");
SELECT * FROM FILES("path" = "s3://b/x", "$k" = "a\\0$(canary)");
EOS
done
# Security review classes: a stray quote before (its twin after restores the
# quoting), Databend values written the wrong way, URI user-info, comments.
cat >>"$sql" <<EOS
SELECT "O"Brien" FROM t;
CREATE EXTERNAL CATALOG sq PROPERTIES ("type" = "hive", "aws.s3.access_key" = "$(canary)",
  "aws.s3.secret_key" = "$(canary)", "aws.s3.region" = "us-east-1x");
SELECT "O"Brien" FROM t;
CREATE STAGE d1 URL = 's3://b/p/' CONNECTION = (SECRET_ACCESS_KEY = $(canary)/$(canary)/$(canary) REGION = 'us-east-1');
CREATE STAGE d2 URL = 's3://b/p/' CONNECTION = (SECRET_ACCESS_KEY = \`$(canary)\` REGION = 'us-east-1');
CREATE STAGE d3 URL = 's3://b/p/' CONNECTION = (SECRET_ACCESS_KEY $(canary) REGION = 'us-east-1');
CREATE STAGE d4 URL = 's3://b/p/' CONNECTION = (SECRET_ACCESS_KEY = 12345 $(canary) REGION = 'us-east-1');
CREATE EXTERNAL CATALOG ui PROPERTIES ("type" = "hive", "hive.metastore.uris" = "thrift://admin:$(canary)@10.0.1.15",
  "aws.s3.endpoint" = "https://minio:$(canary)@minio.local:9000", "aws.s3.region" = "us-east-1x");
SELECT * FROM FILES("path" = "s3a://$(canary):$(canary)@bucket-a/in/x.csv", "format" = "csv", "aws.s3.use_instance_profile" = "ture");
CREATE EXTERNAL CATALOG cm PROPERTIES ("type" = "hive", /* "aws.s3.secret_key" = "$(canary)" */ "aws.s3.regoin" = "x",
  "aws.s3.use_instance_profile" = "ture" -- "aws.s3.secret_key" = "$(canary)"
);
EOS
# Last: an unterminated string with a secret runs to the end of input.
printf 'SELECT * FROM FILES("path" = "s3://b/x", "aws.s3.secret_key" = "%s' "$(canary)" >>"$sql"

# JSON property maps: every key, in several statement kinds.
json=canary.json
{
  printf '['
  sep=""
  for kind in create_external_catalog files broker_load create_storage_volume; do
    printf '%s{"kind": "%s", "properties": {"type": "hive", "path": "s3://b/x", "format": "csv"' "$sep" "$kind"
    for k in $keys; do printf ', "%s": "%s"' "$k" "$(canary)"; done
    printf ', "aws.s3.secret_key": "%s", "aws.s3.secret_key": "%s"}}' "$(canary)" "$(canary)"
    sep=", "
  done
  printf ']\n'
} >"$json"
# A broken map: the parse error must not quote the text.
printf '{"aws.s3.secret_key": "%s", "aws.s3.access_key": %s}\n' "$(canary)" "$(canary)" >"$tmp/broken.json"

# Templates: secret values filled in by --var and by "vars" in
# .propcheck.json (masked like any other value), glued to text, in every
# statement kind; and the same keys with variables left unfilled.
tsql=tmpl.sql
: >"$tsql"
vars=""
cvars=""
i=0
for k in $keys; do
  case $k in *.*) ;; *) continue ;; esac
  i=$((i + 1))
  vars="$vars --var V${i}a=$(canary) --var V${i}b=$(canary)"
  cvars="$cvars${cvars:+, }\"V${i}c\": \"$(canary)\""
  cat >>"$tsql" <<EOS
SELECT * FROM FILES("path" = "s3://b/x", "format" = "csv", "$k" = "\${V${i}a}", "aws.s3.use_instance_profile" = "\${USE_IP}");
CREATE EXTERNAL CATALOG t_c PROPERTIES ("type" = "hive", "hive.metastore.type" = "glue", "$k" = "{{ V${i}b }}", "aws.glue.region" = "\${REGION}");
LOAD LABEL db.l_\${uuid} (DATA INFILE("s3://b/\${dt}") INTO TABLE t) WITH BROKER ("$k" = "x{{ var('V${i}c') }}", "aws.s3.region" = "us-east-1");
CREATE REPOSITORY %s WITH BROKER ON LOCATION %s PROPERTIES ("$k" = %s, "aws.s3.region" = "\${REGION}", '$k' = '\${V${i}b}');
ALTER STORAGE VOLUME <sv> SET ("$k" = "{{ env_var('V${i}a') }}", "$k" = "\${V${i}b}");
EOS
done
mkdir -p "$tmp/tcfg"
printf '{"vars": {%s}}\n' "$cvars" >"$tmp/tcfg/.propcheck.json"
cp "$tsql" "$tmp/tcfg/t.sql"

# Every 4-character piece of every canary.
awk '{ for (i = 1; i + 3 <= length($0); i++) print substr($0, i, 4) }' "$tmp/canaries" | sort -u >"$tmp/pieces"
echo "canary: $(wc -l <"$tmp/canaries") canaries, $(wc -l <"$tmp/pieces") pieces"

# leak NAME FILE...: no piece in the files.
leak() {
  name=$1; shift
  if grep -F -f "$tmp/pieces" "$@" >"$tmp/hits" 2>/dev/null; then
    echo "FAIL: $name: a piece of a secret appears:"
    head -5 "$tmp/hits" | cut -c1-300 | sed 's/^/    /'
    fail=1
  fi
}

# runs NAME ARGS...: output and error messages of one command line.
runs() {
  name=$1; shift
  "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
  st=$?
  [ $st -le 2 ] || { echo "FAIL: $name: exit status $st"; fail=1; }
  [ -s "$tmp/out" ] || [ -s "$tmp/err" ] || { echo "FAIL: $name: no output"; fail=1; }
  leak "$name" "$tmp/out" "$tmp/err"
}

for fmt in text json sarif github gitlab; do
  runs "sql $fmt" --color=never --format=$fmt "$sql"
  runs "sql $fmt, color" --color=always --format=$fmt "$sql"
  runs "props $fmt" --props --format=$fmt "$json"
  runs "broken props $fmt" --props --format=$fmt "$tmp/broken.json"
  runs "sql emit-policy $fmt" --emit-policy --format=$fmt "$sql"
  runs "sql from stdin $fmt" --format=$fmt - <"$sql"
done
runs "verify" --verify "$sql"
runs "no-source" --no-source "$sql"
# --fix: its messages must not show a secret; the file may keep them.
cp "$sql" "$tmp/fix.sql"
runs "fix" --color=never --fix "$tmp/fix.sql"
# Error messages: the secret-bearing file as a policy and as a config.
runs "sql as policy" --policy "$sql" "$sql"
runs "json as policy" --policy "$json" "$sql"
# A policy whose values are not policy grammar (an ExternalId object, nested
# arrays, an unknown member).
printf '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjekt", "Resource": "*",\n "Condition": {"StringEquals": {"sts:ExternalId": {"id": "%s"}}}, "Bogus": [["x"], "%s"]}]}\n' "$(canary)" "$(canary)" >policy.json
runs "policy values" --policy policy.json "$sql"
mkdir -p "$tmp/cfg"
cp "$json" "$tmp/cfg/.propcheck.json"
cp "$sql" "$tmp/cfg/q.sql"
runs "json as config" "$tmp/cfg/q.sql"
# shellcheck disable=SC2086 # $vars: one word per option, no blanks inside
for fmt in text json sarif github gitlab; do
  runs "templates $fmt" --format=$fmt $vars "$tmp/tcfg/t.sql"
  runs "templates unfilled $fmt" --no-config --format=$fmt "$tmp/tcfg/t.sql"
done
# shellcheck disable=SC2086
runs "templates emit-policy" --emit-policy $vars "$tmp/tcfg/t.sql"
cp "$tmp/tcfg/t.sql" "$tmp/tcfg/fix.sql"
# shellcheck disable=SC2086
runs "templates fix" --fix $vars "$tmp/tcfg/fix.sql"
runs "var without =" --var "$(sed -n 1p "$tmp/canaries")" "$sql"

# The language server: diagnostics, hover, completion and code actions all
# over the file, the file as a policy and a config (test/lsp_test.py).
cp "$json" "$tmp/.propcheck.json"
if python3 "$top/test/lsp_test.py" --canary "$bin" "$sql" "$tmp/lsp.out" >"$tmp/lsp.log" 2>&1; then
  cat "$tmp/lsp.log"
else
  echo "FAIL: lsp: the server's canary run failed:"; cat "$tmp/lsp.log"; fail=1
fi
leak "lsp" "$tmp/lsp.out" "$tmp/lsp.log"

if [ $fail = 0 ]; then echo "canary: OK"; else echo "canary: FAILED"; fi
exit $fail
