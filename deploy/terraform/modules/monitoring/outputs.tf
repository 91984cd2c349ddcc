output "alarms_topic_arn" {
  description = "SNS topic of the alarms."
  value       = aws_sns_topic.alarms.arn
}

output "amp_remote_write_url" {
  description = "Remote write URL of the Managed Prometheus workspace (empty when disabled)."
  value       = var.enable_managed_prometheus ? "${aws_prometheus_workspace.this[0].prometheus_endpoint}api/v1/remote_write" : ""
}

output "amp_query_url" {
  description = "Query URL of the Managed Prometheus workspace (empty when disabled)."
  value       = var.enable_managed_prometheus ? aws_prometheus_workspace.this[0].prometheus_endpoint : ""
}

output "amp_workspace_arn" {
  description = "Managed Prometheus workspace ARN (empty when disabled)."
  value       = var.enable_managed_prometheus ? aws_prometheus_workspace.this[0].arn : ""
}

output "grafana_url" {
  description = "Managed Grafana URL (empty when disabled)."
  value       = var.enable_managed_grafana ? "https://${aws_grafana_workspace.this[0].endpoint}" : ""
}
