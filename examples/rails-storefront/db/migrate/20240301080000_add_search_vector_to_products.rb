class AddSearchVectorToProducts < ActiveRecord::Migration[7.1]
  disable_ddl_transaction!

  def change
    add_column :products, :search_vector, :tsvector
    add_index :products, :search_vector, using: :gin, algorithm: :concurrently
  end
end
