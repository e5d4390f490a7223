#!/bin/sh
# Makes a throw-away PKI for the signing tests in the folder $1 (nothing here is secret or committed):
#   ca.pem/ca.key            test root CA, valid 2020-01-01 .. 2045-01-01
#   officer.pem/officer.key  RSA 2048, "Hoàng Minh Đức", valid 2025-01-01 .. 2040-01-01
#   agency.pem/agency.key    ECDSA P-256, the Chi cục, same validity
#   expired.pem/expired.key  RSA 2048, valid 2020-01-01 .. 2021-01-01
#   officer-enc.key          officer.key encrypted (AES-256) with the passphrase "mat-khau-thu"
#   officer.p12              officer key, certificate and CA, protected by "mat-khau-thu"
#   other.key                an unrelated RSA key (does not match any certificate)
#   untrusted-ca.pem         another root that signed nothing here
#   untrusted-tsa.pem/.key   a time-stamping certificate issued by untrusted-ca
#   tsa.pem/tsa.key          RSA 2048, "Vanban Test TSA", extendedKeyUsage timeStamping (critical), 2020 .. 2045
#   revoked.pem/revoked.key  RSA 2048, "Cán bộ bị thu hồi", 2025-01-01 .. 2040-01-01, revoked on 2025-06-01
#   crl.pem                  the root's CRL (revoked listed), valid 20 years from when this script ran
#   officer-ocsp.der         the root's OCSP response for officer.pem (good), valid 20 years
#   revoked-ocsp.der         the root's OCSP response for revoked.pem (revoked)
# Validity is fixed with `openssl ca -startdate/-enddate`, so tests can sign at a fixed time.
set -eu
dir=$1
mkdir -p "$dir/newcerts"
cd "$dir"
: > index.txt
echo 1000 > serial
cat > ca.cnf <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = ./index.txt
new_certs_dir = ./newcerts
serial = ./serial
default_md = sha256
policy = anything
unique_subject = no
email_in_dn = no
[ anything ]
commonName = supplied
organizationName = optional
countryName = optional
[ root ]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ signer ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ tsa ]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ req ]
distinguished_name = dn
utf8 = yes
string_mask = utf8only
[ dn ]
CNF
quiet() { "$@" > /dev/null 2>&1 || { echo "make_test_pki: failed: $*" >&2; "$@"; exit 1; }; }
root() { # name subject
  quiet openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key"
  quiet openssl req -new -config ca.cnf -key "$1.key" -subj "$2" -out "$1.csr"
  quiet openssl ca -batch -config ca.cnf -selfsign -keyfile "$1.key" -in "$1.csr" -out "$1.pem" -notext \
    -extensions root -startdate 20200101000000Z -enddate 20450101000000Z -utf8
}
leaf() { # name subject start end [extensions [issuer]]
  quiet openssl req -new -config ca.cnf -key "$1.key" -subj "$2" -out "$1.csr"
  quiet openssl ca -batch -config ca.cnf -cert "${6:-ca}.pem" -keyfile "${6:-ca}.key" -in "$1.csr" -out "$1.pem" \
    -notext -extensions "${5:-signer}" -startdate "$3" -enddate "$4" -utf8
}
root ca "/CN=Vanban Test Root CA/O=Vanban tests"
root untrusted-ca "/CN=Untrusted Test Root/O=Elsewhere"
quiet openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out officer.key
leaf officer "/CN=Hoàng Minh Đức/O=Chi cục Thi hành án dân sự huyện Quỳ Hợp/C=VN" 20250101000000Z 20400101000000Z
quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out agency.key
leaf agency "/CN=Chi cục Thi hành án dân sự huyện Quỳ Hợp/O=Cục Thi hành án dân sự tỉnh Nghệ An/C=VN" \
  20250101000000Z 20400101000000Z
quiet openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out expired.key
leaf expired "/CN=Cán bộ đã nghỉ/C=VN" 20200101000000Z 20210101000000Z
quiet openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out other.key
quiet openssl pkcs8 -topk8 -in officer.key -out officer-enc.key -v2 aes-256-cbc -passout pass:mat-khau-thu
quiet openssl pkcs12 -export -inkey officer.key -in officer.pem -certfile ca.pem -out officer.p12 \
  -passout pass:mat-khau-thu
# Long-term signing: a TSA (and one under another root), a revoked certificate, the root's CRL and OCSP responses.
quiet openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out tsa.key
leaf tsa "/CN=Vanban Test TSA/O=Vanban tests" 20200101000000Z 20450101000000Z tsa
quiet openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out untrusted-tsa.key
leaf untrusted-tsa "/CN=Untrusted TSA/O=Elsewhere" 20200101000000Z 20450101000000Z tsa untrusted-ca
quiet openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out revoked.key
leaf revoked "/CN=Cán bộ bị thu hồi/C=VN" 20250101000000Z 20400101000000Z
quiet openssl ca -config ca.cnf -cert ca.pem -keyfile ca.key -revoke revoked.pem -crl_reason keyCompromise
# The revocation date, fixed (openssl ca writes the current time): 2025-06-01.
awk 'BEGIN { FS = OFS = "\t" } $1 == "R" { sub(/^[0-9]+Z/, "250601000000Z", $3) } { print }' index.txt > index.new
mv index.new index.txt
quiet openssl ca -gencrl -config ca.cnf -cert ca.pem -keyfile ca.key -crldays 7300 -out crl.pem
for who in officer revoked; do
  quiet openssl ocsp -issuer ca.pem -cert "$who.pem" -no_nonce -reqout "$who-ocsp.req"
  quiet openssl ocsp -index index.txt -CA ca.pem -rsigner ca.pem -rkey ca.key -reqin "$who-ocsp.req" \
    -respout "$who-ocsp.der" -ndays 7300
done
echo ok
