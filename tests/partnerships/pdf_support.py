from django.urls import reverse


def download_pdf(client, mou, capture) -> bytes:
    """Ask for an MoU's PDF as a user does: the request is queued, the (eager) task renders it
    once the request's transaction commits, the status page says it is ready, the PDF follows.
    `capture` is pytest-django's django_capture_on_commit_callbacks."""
    url = reverse("partnerships:mou_pdf", args=[mou.partnership_id, mou.pk])
    with capture(execute=True):
        response = client.get(url)
    if response.status_code == 302:
        status = client.get(response["Location"])
        assert status.status_code == 200
        assert 'id="pdf-download"' in status.content.decode(), status.content.decode()
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)
