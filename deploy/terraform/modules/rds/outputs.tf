output "jdbc_url" {
  description = "SPRING_DATASOURCE_URL for Waymark."
  value       = "jdbc:postgresql://${aws_db_instance.this.endpoint}/${aws_db_instance.this.db_name}?sslmode=require"
}

output "endpoint" {
  description = "host:port of the database."
  value       = aws_db_instance.this.endpoint
}

output "master_secret_arn" {
  description = "Secrets Manager secret (JSON with username and password) that RDS manages."
  value       = aws_db_instance.this.master_user_secret[0].secret_arn
}

output "instance_id" {
  description = "DB instance identifier (CloudWatch dimension)."
  value       = aws_db_instance.this.identifier
}
