"""Liveness and readiness probes."""

from httpx import AsyncClient


async def test_health_is_ok(client: AsyncClient) -> None:
    response = await client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_when_database_answers(client: AsyncClient) -> None:
    response = await client.get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_not_ready_when_database_is_down(offline_client: AsyncClient) -> None:
    response = await offline_client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "unavailable"
