# Windows images have no root user: USER names a Windows account there.
# escape=`
# ok: docker/root-user
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Write-Host 'building'
HEALTHCHECK CMD ["cmd", "/c", "exit 0"]
CMD ["powershell"]
