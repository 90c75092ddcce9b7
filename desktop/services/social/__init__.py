"""Social services: the providers and the service catalogue, referrals followed to their
outcome, and the follow-up a referral nobody answered gets."""
