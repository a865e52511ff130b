"""Keys and certificates made at test time (cryptography); nothing private is committed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


def selvsigneret(mappe: Path, navn: str) -> tuple[Path, Path]:
    """A 2048-bit RSA key and a self-signed certificate as PEM files: (key, cert)."""
    mappe.mkdir(parents=True, exist_ok=True)
    noegle = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subjekt = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, navn)])
    nu = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subjekt)
        .issuer_name(subjekt)
        .public_key(noegle.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - dt.timedelta(days=1))
        .not_valid_after(nu + dt.timedelta(days=30))
        .sign(noegle, hashes.SHA256())
    )
    noegle_fil, cert_fil = mappe / f"{navn}.key", mappe / f"{navn}.crt"
    noegle_fil.write_bytes(
        noegle.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_fil.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return noegle_fil, cert_fil


def rsa_jwk(kid: str) -> dict:
    """A private RSA key as a JWK (for the OIDC provider's signing key)."""
    import base64

    noegle = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tal = noegle.private_numbers()

    def b64(n: int) -> str:
        data = n.to_bytes((n.bit_length() + 7) // 8, "big")
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    return {
        "kty": "RSA",
        "kid": kid,
        "alg": "RS256",
        "use": "sig",
        "n": b64(tal.public_numbers.n),
        "e": b64(tal.public_numbers.e),
        "d": b64(tal.d),
        "p": b64(tal.p),
        "q": b64(tal.q),
        "dp": b64(tal.dmp1),
        "dq": b64(tal.dmq1),
        "qi": b64(tal.iqmp),
    }


def offentlig(jwk: dict) -> dict:
    return {k: jwk[k] for k in ("kty", "kid", "alg", "use", "n", "e")}
