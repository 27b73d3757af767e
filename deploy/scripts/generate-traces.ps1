<#
.SYNOPSIS
  The lab's traffic script (Part 3, "Script de Charge"): sends payments to the paymesh gateway so that Tempo
  has traces to explore. Twin of generate-traces.sh. Windows PowerShell 5.1 or PowerShell 7.

.DESCRIPTION
  -Count N        number of payments (default 50)
  -Delay MS       (alias -Rate) pause between payments in milliseconds (default 100; 0 = no pause)
  -Url URL        gateway base URL (default $env:PAYMESH_URL or http://localhost:8888)
  -Scenario NAME  lab   (default) the lab's script: random amount 10..1000 EUR, customer CUST1..CUST99
                  study the same, mixed with cases for the lab's exercises, in a fixed cycle of 10:
                        a slow fraud check (baggage paymesh.fault=fraud-slow -> PENDING_REVIEW), or in
                        every other cycle a fraud-service error (paymesh.fault=fraud-error -> PENDING_REVIEW),
                        blocked customer CUST666 and an amount above 10000 EUR (-> DECLINED),
                        a refund flow (create, POST /api/payments/process approve, then refund);
                        the faults need fraud-service with FRAUD_HONOUR_BAGGAGE=true (the quick start,
                        Compose and the kind overlay set it; off by default)
  Every payment carries its own Idempotency-Key header. One line per payment and a summary.
  Exit code: 0 when every payment succeeded, 1 if any line is a failure (HTTP error, gateway unreachable, or in
  the study scenario a final status other than the expected one).

.EXAMPLE
  .\deploy\scripts\generate-traces.ps1 -Count 3 -Delay 0 -Scenario study
#>
param(
    [ValidateRange(0, 1000000)][int]$Count = 50,
    [Alias("Rate")][ValidateRange(0, 3600000)][int]$Delay = 100,
    [string]$Url = $(if ($env:PAYMESH_URL) { $env:PAYMESH_URL } else { "http://localhost:8888" }),
    [ValidateSet("lab", "study")][string]$Scenario = "lab",
    [switch]$Help
)
$ErrorActionPreference = "Stop"
if ($Help) { Get-Help $PSCommandPath -Detailed; exit 0 }

$Url = $Url.TrimEnd("/")
$okMark = [string][char]0x2705    # the lab's check mark, written as a code point so the file stays ASCII
$koMark = [string][char]0x274C
$rocket = [char]::ConvertFromUtf32(0x1F680)
$script:ok = 0
$script:failed = 0
function Pass([string]$text) { $script:ok++; Write-Host "  $okMark $text" -ForegroundColor Green }
function Fail([string]$text) { $script:failed++; Write-Host "  $koMark $text" -ForegroundColor Red }

# POST a JSON body; returns @{ Code; Body } (Code 0 when the gateway cannot be reached).
function Send-Json([string]$path, [hashtable]$body, [hashtable]$headers) {
    try {
        $answer = Invoke-RestMethod -Uri "$Url$path" -Method Post -Headers $headers -TimeoutSec 30 `
            -ContentType "application/json" -Body ($body | ConvertTo-Json)
        return @{ Code = "2xx"; Body = $answer }
    } catch {
        $code = 0
        if ($_.Exception.Response) { $code = [int]$_.Exception.Response.StatusCode }
        return @{ Code = $code; Body = $null; Error = $_.Exception.Message }
    }
}

function New-Payment([int]$n, [int]$amount, [string]$customer, [string]$fault) {
    $headers = @{ "Idempotency-Key" = [guid]::NewGuid().ToString() }
    if ($fault) { $headers["baggage"] = "paymesh.fault=$fault" }
    $body = @{ amount = $amount; currency = "EUR"; customerId = $customer; description = "Payment #$n" }
    $what = "Payment #$n ($amount EUR, $customer$(if ($fault) { ", $fault" }))"
    return @{ Result = (Send-Json "/api/payments" $body $headers); What = $what }
}

function Invoke-Create([int]$n, [int]$amount, [string]$customer, [string]$expected, [string]$fault) {
    $p = New-Payment $n $amount $customer $fault
    $r = $p.Result
    if (-not $r.Body) { Fail "$($p.What) failed: HTTP $($r.Code) $($r.Error)" }
    elseif ($expected -and $r.Body.status -ne $expected) { Fail "$($p.What) $($r.Body.id): expected $expected, got '$($r.Body.status)'" }
    else { Pass "$($p.What) created: $($r.Body.id) $($r.Body.status)" }
}

function Invoke-RefundFlow([int]$n) {
    $p = New-Payment $n (Get-Random -Minimum 10 -Maximum 1001) "CUST$(Get-Random -Minimum 1 -Maximum 100)" ""
    if (-not $p.Result.Body) { Fail "$($p.What) failed: HTTP $($p.Result.Code) $($p.Result.Error)"; return }
    $id = $p.Result.Body.id
    foreach ($step in @(@("approve", "APPROVED"), @("refund", "REFUNDED"))) {
        $r = Send-Json "/api/payments/process" @{ paymentId = $id; action = $step[0] } @{}
        if (-not $r.Body -or $r.Body.status -ne $step[1]) {
            Fail "$($p.What) $id $($step[0]): HTTP $($r.Code), status '$($r.Body.status)' (expected $($step[1]))"; return
        }
    }
    Pass "$($p.What) created: $id, approved, then refunded"
}

Write-Host "$rocket Generating traces: $Count payments to $Url (scenario $Scenario, $Delay ms apart)" -ForegroundColor Cyan
for ($i = 1; $i -le $Count; $i++) {
    $amount = Get-Random -Minimum 10 -Maximum 1001
    $customer = "CUST$(Get-Random -Minimum 1 -Maximum 100)"
    $case = if ($Scenario -eq "study") { $i % 10 } else { -1 }
    switch ($case) {
        # One forced fault per cycle, slow and error in turn: two per cycle, retries included, came close enough to
        # half of the gateway's fraud calls that a random failure opened its circuit breaker.
        2 {
            $fault = if ([math]::Floor($i / 10) % 2 -eq 0) { "fraud-slow" } else { "fraud-error" }
            Invoke-Create $i $amount $customer "PENDING_REVIEW" $fault
        }
        4 { Invoke-RefundFlow $i }
        5 { Invoke-Create $i $amount "CUST666" "DECLINED" "" }
        7 { Invoke-Create $i (Get-Random -Minimum 10001 -Maximum 50001) $customer "DECLINED" "" }
        default { Invoke-Create $i $amount $customer "" "" }
    }
    if ($i -lt $Count -and $Delay -gt 0) { Start-Sleep -Milliseconds $Delay }
}

if ($script:failed -eq 0) {
    Write-Host "$okMark Generated $Count traces: $($script:ok) succeeded, 0 failed" -ForegroundColor Green
    exit 0
}
Write-Host "$koMark Sent $Count payments: $($script:ok) succeeded, $($script:failed) failed" -ForegroundColor Red
exit 1
