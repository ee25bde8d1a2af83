{
  "algorithm": "ed25519",
  "key_id": "6c4ff74526dacd47",
  "signature": "a5mopKMwVRA73uaLvVHFqsAOcq0BvYaBXN/4n1lf3GdBzWFAZvpNyQDOS+NhFIBpjabp0LEG+mRtQGsYPz84DA=="
}
