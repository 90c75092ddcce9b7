"""Social services: referrals to providers' services followed to their outcome, from the
client file's Social services tab and from the Social services screen."""
