{
  "algorithm": "ed25519",
  "key_id": "0def43fc89dfd0a6",
  "signature": "/jQca2XfIoYsPxYcjrntdViHOyOMP/+gTWAJWADQ7XuHnnTjju8SaESo9xuO8Es9vCNmpjhzPmDeSVCe3tqxCw=="
}
