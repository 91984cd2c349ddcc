output "app_url" {
  description = "Web app and API."
  value       = "${local.scheme}://${aws_lb.this.dns_name}"
}

output "collector_url" {
  description = "Collector endpoint."
  value       = "${local.scheme}://${aws_lb.this.dns_name}:${local.coll_public}"
}

output "alb_arn_suffix" {
  description = "Load balancer ARN suffix (CloudWatch dimension)."
  value       = aws_lb.this.arn_suffix
}

output "app_target_group_arn_suffix" {
  description = "App target group ARN suffix (CloudWatch dimension)."
  value       = aws_lb_target_group.app.arn_suffix
}

output "cluster_name" {
  description = "ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "service_name" {
  description = "ECS service."
  value       = aws_ecs_service.waymark.name
}

output "master_key_secret_arn" {
  description = "Secret holding WAYMARK_MASTER_KEY."
  value       = aws_secretsmanager_secret.master_key.arn
}
