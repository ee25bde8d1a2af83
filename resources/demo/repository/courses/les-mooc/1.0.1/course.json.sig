{
  "algorithm": "ed25519",
  "key_id": "0b418c3fe54b981d",
  "signature": "GpFPAdN/1c0B91m6Fex42QIOh07crBQcHJbXv53glLhf2a3ENMMVAdnj22IFNOU5vrpwgTN1XPDIMHLgCB8yAg=="
}
