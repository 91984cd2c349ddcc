output "url" {
  description = "ClickHouse HTTP endpoint (empty when not created)."
  value       = var.create ? "http://${aws_instance.clickhouse[0].private_ip}:8123" : ""
}

output "password_secret_arn" {
  description = "Secret holding the password of the ClickHouse user 'waymark' (empty when not created)."
  value       = var.create ? aws_secretsmanager_secret.clickhouse[0].arn : ""
}

output "instance_id" {
  description = "EC2 instance id (empty when not created)."
  value       = var.create ? aws_instance.clickhouse[0].id : ""
}
