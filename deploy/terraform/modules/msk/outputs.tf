output "bootstrap_brokers_tls" {
  description = "Comma-separated TLS bootstrap brokers."
  value       = aws_msk_cluster.this.bootstrap_brokers_tls
}

output "cluster_name" {
  description = "MSK cluster name (CloudWatch dimension)."
  value       = aws_msk_cluster.this.cluster_name
}
