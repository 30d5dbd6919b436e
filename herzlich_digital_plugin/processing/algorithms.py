"""The list of algorithms the provider offers. Each capability adds its own here."""


def all_algorithms():
    # Imported here so a broken capability cannot stop the provider module from importing.
    from .create_demo_city import CreateDemoCityAlgorithm
    from .setup_shared_database import SetupSharedDatabaseAlgorithm

    return [
        CreateDemoCityAlgorithm(),
        SetupSharedDatabaseAlgorithm(),
    ]
