defmodule Sanbase.Repo.Migrations.CreateFeatured do
  use Ecto.Migration

  @table :featured_items

  def change do
    create table(@table) do
      add(:post_id, :bigint)
      add(:user_list_id, :bigint)
    end

    fk_check = """
    (CASE WHEN post_id IS NULL THEN 0 ELSE 1 END) +
    (CASE WHEN user_list_id IS NULL THEN 0 ELSE 1 END) = 1
    """

    create(constraint(@table, :only_one_fk, check: fk_check))
  end
end
