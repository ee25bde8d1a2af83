{
  "algorithm": "ed25519",
  "key_id": "579da9d2da9bc50d",
  "signature": "AD7heCuePmRMos+orVFjhA6+27iXMc8DggI2yjUPb40fpXEPQikgy4zCRgRdr2ZEs34zBEMdCoX3uiUeWzweDQ=="
}
