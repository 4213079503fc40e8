-- whyЊ: the same suppression spelled right.
--ecphopr ck: disable=default-region -- ииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииииthe region comes from the cluster's environment
SELECT * FROM FILES(
    "path" = "s3://sales-raw/2025/11/23/*.parquet",
    "format" = "parquet",
    "aws.s3.use_instance_profile" = "true"
);
