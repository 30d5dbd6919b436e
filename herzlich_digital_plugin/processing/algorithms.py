"""The list of algorithms the provider offers. Each capability adds its own here."""


def all_algorithms():
    # Imported here so a broken capability cannot stop the provider module from importing.
    from .add_store_layers import AddStoreLayersAlgorithm
    from .create_demo_city import CreateDemoCityAlgorithm
    from .import_panorama_folder import ImportPanoramaFolderAlgorithm
    from .import_panorama_table import ImportPanoramaTableAlgorithm
    from .setup_shared_database import SetupSharedDatabaseAlgorithm
    from .render_panorama_view import RenderPanoramaViewAlgorithm
    from .fetch_sensors import FetchSensorsAlgorithm
    from .sensor_history import SensorHistoryAlgorithm
    from .import_detections import ImportDetectionsAlgorithm
    from .triangulate_assets import TriangulateAssetsAlgorithm
    from .export_assets import ExportAssetsAlgorithm
    from .review_report import ReviewReportAlgorithm
    from .import_roadworks import ImportRoadworksAlgorithm
    from .export_roadworks import ExportRoadworksAlgorithm
    from .roadworks_impact import RoadworksImpactAlgorithm
    from .detour_route import DetourRouteAlgorithm
    from .roadworks_report import RoadworksReportAlgorithm
    from .check_store import CheckStoreAlgorithm
    from .prefetch_panoramas import ClearPanoramaCacheAlgorithm, PrefetchPanoramasAlgorithm
    from .import_panoramax import ImportPanoramaxAlgorithm
    from .import_register import ImportRegisterAlgorithm
    from .compare_register import CompareRegisterAlgorithm
    from .export_register import ExportRegisterAlgorithm

    return [
        CreateDemoCityAlgorithm(),
        SetupSharedDatabaseAlgorithm(),
        AddStoreLayersAlgorithm(),
        ImportPanoramaFolderAlgorithm(),
        ImportPanoramaTableAlgorithm(),
        RenderPanoramaViewAlgorithm(),
        FetchSensorsAlgorithm(),
        SensorHistoryAlgorithm(),
        ImportDetectionsAlgorithm(),
        TriangulateAssetsAlgorithm(),
        ExportAssetsAlgorithm(),
        ReviewReportAlgorithm(),
        ImportRoadworksAlgorithm(),
        ExportRoadworksAlgorithm(),
        RoadworksImpactAlgorithm(),
        DetourRouteAlgorithm(),
        RoadworksReportAlgorithm(),
        CheckStoreAlgorithm(),
        PrefetchPanoramasAlgorithm(),
        ClearPanoramaCacheAlgorithm(),
        ImportPanoramaxAlgorithm(),
        ImportRegisterAlgorithm(),
        CompareRegisterAlgorithm(),
        ExportRegisterAlgorithm(),
    ]
