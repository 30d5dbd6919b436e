"""The list of algorithms the provider offers. Each capability adds its own here."""


def all_algorithms():
    # Imported here so a broken capability cannot stop the provider module from importing.
    from .create_demo_city import CreateDemoCityAlgorithm
    from .import_panorama_folder import ImportPanoramaFolderAlgorithm
    from .import_panorama_table import ImportPanoramaTableAlgorithm
    from .setup_shared_database import SetupSharedDatabaseAlgorithm
    from .render_panorama_view import RenderPanoramaViewAlgorithm

    return [
        CreateDemoCityAlgorithm(),
        SetupSharedDatabaseAlgorithm(),
        ImportPanoramaFolderAlgorithm(),
        ImportPanoramaTableAlgorithm(),
        RenderPanoramaViewAlgorithm(),
    ]
